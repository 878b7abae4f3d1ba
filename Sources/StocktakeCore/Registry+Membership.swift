/// Whether a state belongs to an organization on a day, and on what record.
public struct MembershipStatus: Sendable {
    /// The organization or group.
    public let organization: String
    /// True when the state is a member on the day asked about.
    public let isMember: Bool
    /// True when the record cannot tell (it only knows membership from a later day on).
    public let isUnknown: Bool
    /// The listed membership it rests on, when membership is listed rather than derived.
    public let record: MembershipRecord?
    /// How membership was derived, in words, when it is derived.
    public let derivation: String?
}

extension Registry {
    /// The members of an organization on a day, with the states whose membership the record cannot tell.
    public func members(of organizationID: String, asOf day: Day) throws -> (members: [String], unknown: [String]) {
        let organization = try self.organization(organizationID)
        var members = Set<String>()
        var unknown = Set<String>()
        if let listed = organization.memberships {
            for membership in listed {
                let ended = membership.to.map { $0 < day } ?? false
                if membership.from <= day && !ended {
                    members.insert(membership.state)
                } else if membership.fromPrecision == .onOrBefore && membership.from > day && !ended {
                    unknown.insert(membership.state)
                }
            }
        }
        if let derived = organization.derived {
            var pool: Set<String>
            var poolUnknown = Set<String>()
            if derived.unMembers == true {
                pool = Set(states.filter { $0.unStatus == "member" }.map(\.id))
            } else if let base = derived.membersOf {
                let result = try self.members(of: base, asOf: day)
                pool = Set(result.members)
                poolUnknown = Set(result.unknown)
            } else {
                pool = Set(states.map(\.id))
            }
            if let treatyID = derived.partiesOf ?? derived.signatoriesOf {
                let report = try treatyStatus(treatyID, asOf: day)
                let accepted = Set(
                    report.states.filter {
                        derived.partiesOf != nil ? $0.standing.countsAsParty : $0.standing.countsAsSignatory
                    }.map(\.state))
                let undetermined = Set(report.unknown.map(\.state))
                poolUnknown.formUnion(pool.intersection(undetermined))
                pool.formIntersection(accepted)
            }
            if let excluded = derived.excluding {
                let result = try self.members(of: excluded, asOf: day)
                pool.subtract(result.members)
            }
            members.formUnion(pool)
            unknown.formUnion(poolUnknown.subtracting(pool))
        }
        return (members.sorted(), unknown.subtracting(members).sorted())
    }

    /// Every organization a state belongs to on a day.
    public func memberships(of stateID: String, asOf day: Day) throws -> [MembershipStatus] {
        let state = try self.state(stateID)
        var result: [MembershipStatus] = []
        for organization in organizations {
            let (members, unknown) = try self.members(of: organization.id, asOf: day)
            let record = organization.memberships?.last { $0.state == state.id }
            let isMember = members.contains(state.id)
            guard isMember || unknown.contains(state.id) else { continue }
            result.append(
                MembershipStatus(
                    organization: organization.id, isMember: isMember, isUnknown: !isMember, record: record,
                    derivation: organization.derived.map(Registry.describe)))
        }
        return result
    }

    static func describe(_ derivation: MembershipDerivation) -> String {
        var parts: [String] = []
        if derivation.unMembers == true { parts.append("UN member states") }
        if let base = derivation.membersOf { parts.append("members of \(base)") }
        if let treaty = derivation.partiesOf { parts.append("parties to \(treaty)") }
        if let treaty = derivation.signatoriesOf { parts.append("signatories of \(treaty)") }
        if let excluded = derivation.excluding { parts.append("excluding \(excluded)") }
        return "derived: " + parts.joined(separator: ", ")
    }
}
