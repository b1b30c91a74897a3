using Akka.Actor;
using Akka.Cluster;
using PairDb.Protocol.Coordinator;
using static Akka.Cluster.ClusterEvent;

namespace PairDb.Coordinator.Edge;

/// <summary>
/// The coordinators' cluster as ListClusterMembers reports it, computed from one <see cref="CurrentClusterState"/>:
/// status names, reachability, the oldest member and the leader; and finding the member an operator named.
/// </summary>
public static class ClusterMembership
{
    /// <summary>The wire name of a member status.</summary>
    public static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.WeaklyUp => "weakly-up",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        MemberStatus.Exiting => "exiting",
        MemberStatus.Down => "down",
        MemberStatus.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a cluster member status."),
    };

    /// <summary>
    /// The oldest member that is up or leaving (the one the cluster singletons run on), or null when there is none.
    /// </summary>
    public static Member? Oldest(IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Member? oldest = null;
        foreach (var member in members)
        {
            if (member.Status is MemberStatus.Up or MemberStatus.Leaving && (oldest is null || member.IsOlderThan(oldest)))
            {
                oldest = member;
            }
        }

        return oldest;
    }

    /// <summary>Every member of <paramref name="state"/> ordered by address, as seen by the member at <paramref name="self"/>.</summary>
    public static IReadOnlyList<ClusterMember> Describe(CurrentClusterState state, Address self)
    {
        ArgumentNullException.ThrowIfNull(state);
        var oldest = Oldest(state.Members);
        var members = new List<ClusterMember>(state.Members.Count);
        foreach (var member in state.Members)
        {
            var described = new ClusterMember
            {
                Address = ClusterAddresses.Format(member.Address),
                Status = StatusName(member.Status),
                Reachable = !state.Unreachable.Contains(member),
                Oldest = oldest is not null && member.Address == oldest.Address,
                Leader = member.Address == state.Leader,
                IsSelf = member.Address == self,
            };
            described.Roles.AddRange(member.Roles.Order(StringComparer.Ordinal));
            members.Add(described);
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Address, b.Address));
        return members;
    }

    /// <summary>
    /// The member at <paramref name="wanted"/>'s host and port, or null. Hosts compare without IPv6 brackets and case,
    /// so an address typed by hand finds the member as the cluster spells it.
    /// </summary>
    public static Member? Find(IEnumerable<Member> members, Address wanted)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(wanted);
        foreach (var member in members)
        {
            if (member.Address.Port == wanted.Port && string.Equals(BareHost(member.Address.Host), BareHost(wanted.Host), StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    private static string BareHost(string? host) => host is null ? string.Empty : host.Trim('[', ']');
}
