using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Grains.Time;
using Billing.Usage;
using Microsoft.Extensions.Logging;

namespace Billing.Grains.Customers;

/// <summary>
/// Runs on every silo, every two seconds: sends this silo's top customers per month not closed yet
/// (<see cref="CustomerStandings"/>) to the leaderboard when they changed, and every ten seconds regardless,
/// so that a leaderboard that lost its last writes, or a month the watermark closed, is put right.
/// </summary>
internal sealed class CustomerStandingsAgent(
    IGrainFactory grains,
    CustomerStandings standings,
    EventClockView clock,
    TimeProvider time,
    ILogger<CustomerStandingsAgent> logger) : PeriodicSiloAgent(Interval, time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    private long? sentVersion;
    private BillingMonth? sentClosedThrough;
    private IReadOnlyList<CustomerStanding> sentStandings = [];
    private DateTimeOffset sentAt = DateTimeOffset.MinValue;

    protected override async Task TickAsync()
    {
        var closedThrough = clock.ClosedThrough;
        var heartbeatDue = Time.GetUtcNow() - sentAt >= Heartbeat;
        if (!heartbeatDue && standings.Version == sentVersion && closedThrough == sentClosedThrough)
        {
            return;
        }

        var (version, top) = standings.Top(closedThrough, CustomerRanking.Depth);
        try
        {
            // Totals below this silo's top changed, and nothing the leaderboard holds would: no call.
            if (heartbeatDue || closedThrough != sentClosedThrough || !top.SequenceEqual(sentStandings))
            {
                await grains.GetGrain<ICustomerLeaderboardGrain>(0).ReportAsync(new StandingsReport(closedThrough, top));
                sentAt = Time.GetUtcNow();
            }

            standings.MarkReported(version);
            (sentVersion, sentClosedThrough, sentStandings) = (version, closedThrough, top);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CustomerLog.StandingsReportFailed(logger, exception);
        }
    }
}
