using Billing.Web.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Web.Ingest;

public sealed class DeliveryOutcomeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task EveryDeliveryAcknowledged_AcceptsEveryIdInOrder()
    {
        var outcome = await DeliveryOutcome.CollectAsync(["a", "b", "c"], [Task.CompletedTask, Task.CompletedTask, Task.CompletedTask], Timeout, time, default);

        Assert.True(outcome.AllAccepted);
        Assert.Equal(["a", "b", "c"], outcome.Accepted);
        Assert.Empty(outcome.NotAccepted);
        Assert.Null(outcome.Problem);
    }

    [Fact]
    public async Task SomeRefused_NamesExactlyTheAcceptedAndTheOthers_WithKafkasReason()
    {
        var refused = Task.FromException(new InvalidOperationException("Broker: Not enough in-sync replicas"));

        var outcome = await DeliveryOutcome.CollectAsync(["a", "b", "c"], [Task.CompletedTask, refused, Task.CompletedTask], Timeout, time, default);

        Assert.False(outcome.AllAccepted);
        Assert.Equal(["a", "c"], outcome.Accepted);
        Assert.Equal(["b"], outcome.NotAccepted);
        Assert.Equal("Kafka did not accept 1 of 3 events: Broker: Not enough in-sync replicas", outcome.Problem);
    }

    [Fact]
    public async Task SomeNotAcknowledgedInTime_AreNotAccepted_WhenTheTimeRunsOut()
    {
        var late = new TaskCompletionSource();
        var waiting = DeliveryOutcome.CollectAsync(["a", "b"], [Task.CompletedTask, late.Task], Timeout, time, default);

        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await waiting;

        Assert.Equal(["a"], outcome.Accepted);
        Assert.Equal(["b"], outcome.NotAccepted);
        Assert.Equal("Kafka did not acknowledge 1 of 2 events within 10 s.", outcome.Problem);
    }

    [Fact]
    public async Task LastAcknowledgementBeforeTheTimeOut_AnswersAtOnce()
    {
        var last = new TaskCompletionSource();
        var waiting = DeliveryOutcome.CollectAsync(["a", "b"], [Task.CompletedTask, last.Task], Timeout, time, default);

        time.Advance(TimeSpan.FromSeconds(3));
        last.SetResult();
        var outcome = await waiting;

        Assert.True(outcome.AllAccepted);
        Assert.Equal(["a", "b"], outcome.Accepted);
    }

    [Fact]
    public async Task CallerGone_StopsWaiting()
    {
        using var gone = new CancellationTokenSource();
        var waiting = DeliveryOutcome.CollectAsync(["a"], [new TaskCompletionSource().Task], Timeout, time, gone.Token);

        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
