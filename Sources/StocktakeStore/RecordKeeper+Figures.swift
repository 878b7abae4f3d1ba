import StocktakeCore
public import StocktakeLedger

extension RecordKeeper {
    /// Records checked figures as one batch (needs the `figures` role): all of them reach the log, or none.
    @discardableResult
    public func recordFigures(_ payloads: [FigurePayload], author: NoteSigner) throws -> [RecordedFigure] {
        try requireRole("figures", of: author)
        guard !payloads.isEmpty else { throw StocktakeError(.emptyInput, "There is no figure to record.") }
        return try append(payloads.map { (FigurePayload.entryType, $0) }, author: author).compactMap { entry in
            guard case .figure(let payload) = entry.payload else { return nil }
            return RecordedFigure(entryIndex: entry.index, author: entry.author, payload: payload)
        }
    }
}
