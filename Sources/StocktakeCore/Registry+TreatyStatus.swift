import Foundation

/// A state's standing under a treaty on one day, derived from the dated events.
public enum TreatyStanding: String, Sendable, Codable, CaseIterable {
    /// Bound by the treaty.
    case party
    /// Announced withdrawal, but the withdrawal's validity is contested; counted as a party by the depositary.
    case partyWithdrawalContested = "party-withdrawal-contested"
    /// Bound, but has suspended its implementation.
    case partySuspended = "party-suspended"
    /// Has ratified or acceded while the treaty is in force, and is bound from a later day (the treaty's waiting period).
    case consented
    /// Signed, not (or no longer) ratified.
    case signatory
    /// Withdrew its ratification and is back to signatory.
    case ratificationWithdrawn = "ratification-withdrawn"
    /// Withdrew from the treaty.
    case withdrawn
    /// No recorded signature or consent.
    case none
    /// The record only says the state joined on or before a later day, so its standing on this day is unknown.
    case unknown

    /// True when the state counts as a party on the depositary's convention.
    public var countsAsParty: Bool { [.party, .partyWithdrawalContested, .partySuspended].contains(self) }
    /// True when the state has signed or is bound.
    public var countsAsSignatory: Bool { countsAsParty || self == .consented || self == .signatory || self == .ratificationWithdrawn }
}

/// One state's standing, with the events it rests on.
public struct StateTreatyStatus: Sendable {
    /// The state.
    public let state: String
    /// Its standing on the day asked about.
    public let standing: TreatyStanding
    /// The events up to that day, oldest first.
    public let events: [TreatyEventRecord]
}

/// The status of a treaty on one day: whether it is in force and where every state stands.
public struct TreatyStatusReport: Sendable {
    /// The treaty.
    public let treaty: TreatyRecord
    /// The day the report is for.
    public let asOf: Day
    /// `in force`, `not in force`, `expired`, `terminated`, `never in force`, `proposed` or `not yet open`.
    public let treatyState: String
    /// Every state with at least one recorded event, in code order.
    public let states: [StateTreatyStatus]

    /// The states that count as parties, in code order.
    public var parties: [StateTreatyStatus] { states.filter { $0.standing.countsAsParty } }
    /// The states that have signed but are not bound.
    public var signatoriesOnly: [StateTreatyStatus] {
        states.filter { $0.standing == .signatory || $0.standing == .ratificationWithdrawn }
    }
    /// The states that have consented but are bound only from a later day, each with that day.
    public var consented: [(status: StateTreatyStatus, boundFrom: Day?)] {
        states.filter { $0.standing == .consented }.map { status in
            (
                status,
                status.events.last { $0.event.isConsent }.flatMap { consent in
                    treaty.bindsAfterDays.map { days in
                        let entry = treaty.events.first { $0.event == .enteredIntoForce }?.date ?? consent.date
                        return max(entry, consent.date.adding(days: days))
                    }
                }
            )
        }
    }
    /// The states whose standing on this day the record cannot tell.
    public var unknown: [StateTreatyStatus] { states.filter { $0.standing == .unknown } }
    /// The states whose party status has a qualification (contested withdrawal, suspension).
    public var qualified: [StateTreatyStatus] {
        states.filter { $0.standing == .partyWithdrawalContested || $0.standing == .partySuspended }
    }
}

extension Registry {
    /// Derives every state's standing under a treaty on a day from the dated events; counts are never stored.
    public func treatyStatus(_ treatyID: String, asOf day: Day) throws -> TreatyStatusReport {
        let treaty = try self.treaty(treatyID)
        let wide = treaty.events.filter { $0.date <= day }
        let treatyState: String
        if treaty.kind == "proposed" {
            treatyState = "proposed"
        } else if let status = treaty.status {
            treatyState = status.replacingOccurrences(of: "-", with: " ")
        } else if wide.contains(where: { $0.event == .expired }) {
            treatyState = "expired"
        } else if wide.contains(where: { $0.event == .enteredIntoForce }) {
            treatyState = "in force"
        } else if treaty.events.contains(where: { $0.event == .openedForSignature || $0.event == .enteredIntoForce })
            && !wide.contains(where: { $0.event == .openedForSignature || $0.event == .adopted || $0.event == .signedByParties })
        {
            treatyState = "not yet open"
        } else {
            treatyState = "not in force"
        }
        let expired = treatyState == "expired"
        // Once in force, a treaty with a waiting period binds a state on the later of its entry into force and the day its
        // waiting period ends; before entry into force, states that have consented are counted as parties, as depositaries do.
        let entryIntoForce = treaty.events.first { $0.event == .enteredIntoForce }?.date
        let waiting = treaty.bindsAfterDays.flatMap { days in entryIntoForce.flatMap { $0 <= day ? (days, $0) : nil } }
        let statuses = Registry.standings(
            of: treatyEvents.filter { $0.treaty == treaty.id }, asOf: day, waiting: waiting, expired: expired)
        return TreatyStatusReport(treaty: treaty, asOf: day, treatyState: treatyState, states: statuses)
    }

    /// Every state's standing under one protocol to a treaty on a day, from the protocol's own dated events.
    public func protocolStatus(_ treatyID: String, protocol protocolID: String, asOf day: Day) throws -> ProtocolStatusReport {
        let treaty = try self.treaty(treatyID)
        guard let record = treaty.protocols.first(where: { $0.id == protocolID }) else {
            let known = treaty.protocols.map(\.id)
            throw StocktakeError(
                .unknownIdentifier,
                known.isEmpty
                    ? "\(treaty.id) has no protocols in the registry."
                    : "\(treaty.id) has no protocol \(protocolID); its protocols are \(known.joined(separator: ", ")).")
        }
        let events = protocolEvents.filter { $0.treaty == treaty.id && $0.protocolID == record.id }
        return ProtocolStatusReport(
            treaty: treaty.id, protocol: record, asOf: day,
            states: Registry.standings(of: events, asOf: day, waiting: nil, expired: false))
    }

    /// Each state's standing on a day from its dated events under one instrument, in code order.
    static func standings(of events: [TreatyEventRecord], asOf day: Day, waiting: (Int, Day)?, expired: Bool)
        -> [StateTreatyStatus]
    {
        var byState: [String: [TreatyEventRecord]] = [:]
        for event in events {
            if let state = event.state { byState[state, default: []].append(event) }
        }
        return byState.keys.sorted().map { state -> StateTreatyStatus in
            let all = byState[state]!.sorted { $0.date < $1.date }
            let past = all.filter { $0.date <= day }
            var standing = TreatyStanding.none
            for event in past {
                switch event.event {
                case .signed: if standing == .none { standing = .signatory }
                case .ratified, .acceded, .succeeded, .joined:
                    if let (days, entry) = waiting, max(entry, event.date.adding(days: days)) > day {
                        standing = .consented
                    } else {
                        standing = .party
                    }
                case .withdrew: standing = .withdrawn
                case .withdrawalContested: standing = .partyWithdrawalContested
                case .ratificationWithdrawn: standing = .ratificationWithdrawn
                case .suspended: if standing == .party { standing = .partySuspended }
                default: break
                }
            }
            let pendingUndated = all.contains { $0.date > day && $0.datePrecision == .onOrBefore && $0.event.isConsent }
            if pendingUndated && !standing.countsAsParty && standing != .consented { standing = .unknown }
            if expired && standing.countsAsParty { standing = .none }
            return StateTreatyStatus(state: state, standing: standing, events: past)
        }
    }
}

/// Where every state stands under one protocol to a treaty on one day.
public struct ProtocolStatusReport: Sendable {
    /// The treaty the protocol belongs to.
    public let treaty: String
    /// The protocol.
    public let `protocol`: TreatyProtocolRecord
    /// The day the report is for.
    public let asOf: Day
    /// Every state with at least one recorded event under the protocol, in code order.
    public let states: [StateTreatyStatus]

    /// The states bound by the protocol.
    public var parties: [StateTreatyStatus] { states.filter { $0.standing.countsAsParty } }
    /// The states that have signed it and are not bound.
    public var signatoriesOnly: [StateTreatyStatus] { states.filter { $0.standing == .signatory } }
    /// The states whose standing on this day the record cannot tell.
    public var unknown: [StateTreatyStatus] { states.filter { $0.standing == .unknown } }
    /// The states it is open to for which the registry records no signature or consent by this day.
    public var notSigned: [String] {
        let acted = Set(states.filter { $0.standing != .none && $0.standing != .unknown }.map(\.state))
        return `protocol`.openTo.filter { !acted.contains($0) }
    }
}
