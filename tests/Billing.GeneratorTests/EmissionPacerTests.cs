using Billing.Generator.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Billing.GeneratorTests;

public sealed class EmissionPacerTests
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WaitToSend_PositionOneDayAhead_WaitsOneSecondAtOneDayPerSecond()
    {
        var time = new FakeTimeProvider();
        var pacer = new EmissionPacer(time, Origin, eventDaysPerSecond: 1, maxEventsPerSecond: 100);
        pacer.Start();

        var send = pacer.WaitToSendAsync(Origin.AddDays(1), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await send.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal(Origin.AddDays(1), pacer.Clock);
    }

    [Fact]
    public async Task WaitToSend_ThirtyDaysPerSecond_ReachesAMonthInOneSecond()
    {
        var time = new FakeTimeProvider();
        var pacer = new EmissionPacer(time, Origin, eventDaysPerSecond: 30, maxEventsPerSecond: 100);
        pacer.Start();

        Assert.Equal(TimeSpan.FromSeconds(1), pacer.DueAfterStart(Origin.AddDays(30)));
        var send = pacer.WaitToSendAsync(Origin.AddDays(30), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1));

        await send.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal(Origin.AddDays(30), pacer.Clock);
    }

    [Fact]
    public async Task WaitToSend_PositionAlreadyPassed_DoesNotWait()
    {
        var time = new FakeTimeProvider();
        var pacer = new EmissionPacer(time, Origin, eventDaysPerSecond: 1, maxEventsPerSecond: 100);
        pacer.Start();
        time.Advance(TimeSpan.FromSeconds(5));

        var send = pacer.WaitToSendAsync(Origin.AddDays(2), CancellationToken.None);

        Assert.True(send.IsCompletedSuccessfully);
        await send;
    }

    [Fact]
    public async Task WaitToSend_MoreDueThanTheLimit_SendsAtMostTheLimitInAnyOneSecond()
    {
        var time = new FakeTimeProvider();
        var pacer = new EmissionPacer(time, Origin, eventDaysPerSecond: 1, maxEventsPerSecond: 10);
        pacer.Start();

        // 25 events all due at once: ten go at 0 s, ten at 1 s, five at 2 s.
        SendAtOnce(pacer, 10);
        await SendAfterOneSecondAsync(pacer, time);
        SendAtOnce(pacer, 9);
        await SendAfterOneSecondAsync(pacer, time);
        SendAtOnce(pacer, 4);
    }

    private static void SendAtOnce(EmissionPacer pacer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(pacer.WaitToSendAsync(Origin, CancellationToken.None).IsCompletedSuccessfully, $"send {i + 1} of {count}");
        }
    }

    private static async Task SendAfterOneSecondAsync(EmissionPacer pacer, FakeTimeProvider time)
    {
        var send = pacer.WaitToSendAsync(Origin, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await send.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
    }

    [Fact]
    public async Task WaitToSend_Cancelled_Throws()
    {
        var time = new FakeTimeProvider();
        var pacer = new EmissionPacer(time, Origin, eventDaysPerSecond: 1, maxEventsPerSecond: 10);
        pacer.Start();
        using var cancel = new CancellationTokenSource();

        var send = pacer.WaitToSendAsync(Origin.AddDays(1), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }
}
