using Billing.Grains.Domain;
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
    ILogger<CustomerStandingsAgent> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private long? sentVersion;
    private BillingMonth? sentClosedThrough;
    private IReadOnlyList<CustomerStanding> sentStandings = [];
    private DateTimeOffset sentAt = DateTimeOffset.MinValue;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CustomerStandingsAgent), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (loop is { } running)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await TickAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync()
    {
        var closedThrough = clock.ClosedThrough;
        var heartbeatDue = time.GetUtcNow() - sentAt >= Heartbeat;
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
                sentAt = time.GetUtcNow();
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
