public import StocktakeCore

/// Charts as SVG written by Stocktake itself: no script, fonts that carry Chinese, every figure's source in the image.
public enum SVGChart {
    /// One line of a chart: a series with its bounds.
    public struct Line: Sendable {
        /// The legend text.
        public let label: String
        /// The points, oldest first.
        public let points: [FigurePoint]

        /// Creates a line.
        public init(label: String, points: [FigurePoint]) {
            self.label = label
            self.points = points
        }
    }

    /// A programme milestone drawn over a series: a due day and the number to be at or below.
    public struct Milestone: Sendable {
        /// The label, such as "GZ2010 phase 4".
        public let label: String
        /// The due day.
        public let due: Day
        /// The target.
        public let target: Double

        /// Creates a milestone.
        public init(label: String, due: Day, target: Double) {
            self.label = label
            self.due = due
            self.target = target
        }
    }

    /// One bar of the world view.
    public struct Bar: Sendable {
        /// The state's name.
        public let label: String
        /// The value.
        public let value: Double
        /// The low bound.
        public let low: Double
        /// The high bound.
        public let high: Double

        /// Creates a bar.
        public init(label: String, value: Double, low: Double, high: Double) {
            self.label = label
            self.value = value
            self.low = low
            self.high = high
        }
    }

    static let palette = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b", "#34495e"]
    static let font = "font-family=\"Noto Sans, Noto Sans CJK SC, Source Han Sans SC, DejaVu Sans, sans-serif\""

    /// Escapes text for XML.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Long source lines are shortened to fit the image; the full address is in the data and `stocktake figures`.
    static func clip(_ text: String, to limit: Int = 150) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func f(_ value: Double) -> String { NumberText.decimal(value, digits: 1) }

    /// Round tick steps: 1, 2 or 5 times a power of ten, giving about `count` ticks up to `maximum`.
    static func ticks(upTo maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let raw = maximum / Double(count)
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
        let top = (maximum / step).rounded(.up) * step
        return stride(from: 0, through: top + step * 0.001, by: step).map { $0 }
    }

    /// A state's series with their bounds and sources, several side by side, with programme milestones overlaid.
    public static func series(title: String, lines: [Line], milestones: [Milestone], sources: [String], catalogue: Catalogue) -> String {
        let width = 960.0, height = 580.0, left = 84.0, right = 230.0, top = 64.0, bottom = 124.0
        let plotW = width - left - right, plotH = height - top - bottom
        let days = lines.flatMap { $0.points.map(\.date) } + milestones.map(\.due)
        let firstYear = days.map(\.year).min() ?? 2020, lastYear = max((days.map(\.year).max() ?? 2025) + 1, firstYear + 2)
        let maxValue = max(1, (lines.flatMap { $0.points.map(\.high) } + milestones.map(\.target)).max() ?? 1)
        let yTicks = ticks(upTo: maxValue * 1.08)
        let yMax = yTicks.last ?? maxValue
        func x(_ t: Double) -> Double { left + (t - Double(firstYear)) / Double(lastYear - firstYear) * plotW }
        func y(_ v: Double) -> Double { top + plotH - v / yMax * plotH }
        func xd(_ day: Day) -> Double { x(TrajectoryAnalyzer.years(day)) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" \(font) font-size=\"14\">\n"
        svg += "<title>\(escape(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        svg += "<text x=\"\(f(left))\" y=\"34\" font-size=\"20\" font-weight=\"bold\" fill=\"#1d2330\">\(escape(title))</text>\n"
        for tick in yTicks {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#e3e6eb\"/>"
            svg +=
                "<text x=\"\(f(left - 8))\" y=\"\(f(y(tick) + 5))\" text-anchor=\"end\" fill=\"#3b4250\">\(NumberText.grouped(Int(tick)))</text>\n"
        }
        let span = lastYear - firstYear
        let step = span <= 12 ? 1 : (span <= 30 ? 5 : 10)
        for year in stride(from: firstYear, through: lastYear, by: step) {
            svg +=
                "<line x1=\"\(f(x(Double(year))))\" x2=\"\(f(x(Double(year))))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH + 6))\" stroke=\"#3b4250\"/>"
            svg += "<text x=\"\(f(x(Double(year))))\" y=\"\(f(top + plotH + 24))\" text-anchor=\"middle\" fill=\"#3b4250\">\(year)</text>\n"
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#3b4250\"/>"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#3b4250\"/>\n"
        svg +=
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 50))\" text-anchor=\"middle\" fill=\"#1d2330\">\(escape(catalogue.text("chart.year")))</text>\n"
        svg +=
            "<text transform=\"translate(22 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"#1d2330\">\(escape(catalogue.text("chart.warheads")))</text>\n"
        var legendY = top + 6
        for (index, line) in lines.enumerated() where !line.points.isEmpty {
            let color = palette[index % palette.count]
            let upper = line.points.map { "\(f(xd($0.date))),\(f(y($0.high)))" }
            let lower = line.points.reversed().map { "\(f(xd($0.date))),\(f(y($0.low)))" }
            if line.points.contains(where: { $0.high > $0.low }) {
                svg +=
                    "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
                for point in line.points where point.high > point.low {
                    svg +=
                        "<line x1=\"\(f(xd(point.date)))\" x2=\"\(f(xd(point.date)))\" y1=\"\(f(y(point.low)))\" y2=\"\(f(y(point.high)))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
                }
            }
            svg +=
                "<polyline points=\"\(line.points.map { "\(f(xd($0.date))),\(f(y($0.value)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"/>\n"
            for point in line.points {
                svg +=
                    "<circle cx=\"\(f(xd(point.date)))\" cy=\"\(f(y(point.value)))\" r=\"4\" fill=\"\(color)\"><title>\(escape("\(line.label) \(point.date): \(NumberText.grouped(Int(point.value)))"))</title></circle>\n"
            }
            svg +=
                "<line x1=\"\(f(width - right + 16))\" x2=\"\(f(width - right + 40))\" y1=\"\(f(legendY))\" y2=\"\(f(legendY))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
            svg += "<text x=\"\(f(width - right + 46))\" y=\"\(f(legendY + 5))\" fill=\"#1d2330\">\(escape(line.label))</text>\n"
            legendY += 24
        }
        svg +=
            "<rect x=\"\(f(width - right + 16))\" y=\"\(f(legendY - 7))\" width=\"24\" height=\"14\" fill=\"#1f5fa8\" fill-opacity=\"0.18\"/>"
        svg +=
            "<text x=\"\(f(width - right + 46))\" y=\"\(f(legendY + 5))\" fill=\"#1d2330\">\(escape(catalogue.text("chart.bounds")))</text>\n"
        legendY += 24
        if !milestones.isEmpty {
            svg += "<path d=\"M\(f(width - right + 28)),\(f(legendY - 7)) l7,7 l-7,7 l-7,-7 z\" fill=\"#b03a2e\"/>"
            svg +=
                "<text x=\"\(f(width - right + 46))\" y=\"\(f(legendY + 5))\" fill=\"#1d2330\">\(escape(catalogue.text("chart.milestone")))</text>\n"
        }
        for (index, milestone) in milestones.enumerated() {
            let mx = xd(milestone.due), my = y(milestone.target)
            svg +=
                "<line x1=\"\(f(mx))\" x2=\"\(f(mx))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#b03a2e\" stroke-dasharray=\"5 4\" stroke-width=\"1.2\"/>\n"
            svg +=
                "<path d=\"M\(f(mx)),\(f(my - 8)) l8,8 l-8,8 l-8,-8 z\" fill=\"#b03a2e\"><title>\(escape("\(milestone.label): \(NumberText.grouped(Int(milestone.target))) by \(milestone.due)"))</title></path>\n"
            let nearRight = mx > left + plotW * 0.7
            svg +=
                "<text x=\"\(f(nearRight ? mx - 5 : mx + 5))\" y=\"\(f(top + 14 + Double(index % 4) * 16))\" text-anchor=\"\(nearRight ? "end" : "start")\" font-size=\"12\" fill=\"#b03a2e\">\(escape("\(milestone.label) ≤ \(NumberText.grouped(Int(milestone.target)))"))</text>\n"
        }
        var sourceY = height - 14
        for source in sources.suffix(3).reversed() {
            svg +=
                "<text x=\"24\" y=\"\(f(sourceY))\" font-size=\"11\" fill=\"#5a6270\">\(escape(clip(catalogue.text("chart.source") + ": " + source)))</text>\n"
            sourceY -= 15
        }
        return svg + "</svg>\n"
    }

    /// The world view: every possessor state's figure on one day, with bounds, and the total.
    public static func world(title: String, bars: [Bar], total: String, source: String, catalogue: Catalogue) -> String {
        let width = 960.0, rowH = 38.0, left = 380.0, right = 150.0, top = 70.0
        let height = top + rowH * Double(bars.count) + 110
        let plotW = width - left - right
        let maxValue = max(1, bars.map(\.high).max() ?? 1)
        let ticksList = ticks(upTo: maxValue * 1.05)
        let xMax = ticksList.last ?? maxValue
        func x(_ v: Double) -> Double { left + v / xMax * plotW }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" \(font) font-size=\"14\">\n"
        svg += "<title>\(escape(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        svg += "<text x=\"24\" y=\"34\" font-size=\"20\" font-weight=\"bold\" fill=\"#1d2330\">\(escape(title))</text>\n"
        svg += "<text x=\"24\" y=\"56\" fill=\"#3b4250\">\(escape(total))</text>\n"
        let axisY = top + rowH * Double(bars.count)
        for tick in ticksList {
            svg += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(top))\" y2=\"\(f(axisY))\" stroke=\"#e3e6eb\"/>"
            svg +=
                "<text x=\"\(f(x(tick)))\" y=\"\(f(axisY + 20))\" text-anchor=\"middle\" fill=\"#3b4250\">\(NumberText.grouped(Int(tick)))</text>\n"
        }
        svg +=
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(axisY + 46))\" text-anchor=\"middle\" fill=\"#1d2330\">\(escape(catalogue.text("chart.warheads")))</text>\n"
        for (index, bar) in bars.enumerated() {
            let rowY = top + Double(index) * rowH
            svg +=
                "<text x=\"\(f(left - 10))\" y=\"\(f(rowY + rowH / 2 + 5))\" text-anchor=\"end\" fill=\"#1d2330\">\(escape(bar.label))</text>"
            svg +=
                "<rect x=\"\(f(left))\" y=\"\(f(rowY + 7))\" width=\"\(f(max(1, x(bar.value) - left)))\" height=\"\(f(rowH - 14))\" fill=\"#1f5fa8\"><title>\(escape("\(bar.label): \(NumberText.grouped(Int(bar.value)))"))</title></rect>"
            if bar.high > bar.low {
                svg +=
                    "<line x1=\"\(f(x(bar.low)))\" x2=\"\(f(x(bar.high)))\" y1=\"\(f(rowY + rowH / 2))\" y2=\"\(f(rowY + rowH / 2))\" stroke=\"#1d2330\" stroke-width=\"2\"/>"
            }
            svg +=
                "<text x=\"\(f(x(bar.high) + 8))\" y=\"\(f(rowY + rowH / 2 + 5))\" fill=\"#1d2330\">\(NumberText.withBounds(bar.value, low: bar.low, high: bar.high))</text>\n"
        }
        svg +=
            "<text x=\"24\" y=\"\(f(height - 18))\" font-size=\"11\" fill=\"#5a6270\">\(escape(clip(catalogue.text("chart.source") + ": " + source)))</text>\n"
        return svg + "</svg>\n"
    }
}
