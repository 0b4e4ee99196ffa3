using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Grains.Time;
using Billing.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Customers;

/// <summary>
/// One shard of the customer directory. Reports arrive in batches from each silo's
/// <see cref="CustomerDirectoryReporter"/> and are written before they are answered, so that a customer's
/// usage of a month is never stored without the directory knowing the month. When the event clock says a
/// month closed (or at the latest at the shard's own reminder, every <see cref="BillingOptions.ClosingReminderPeriod"/>),
/// the shard has each due customer issue its invoices: one reminder per shard, not one per customer.
/// </summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory-shard", BillingStorage.Name)] IPersistentState<CustomerDirectoryState> state,
    EventClockView clock,
    IOptions<BillingOptions> options,
    ILogger<CustomerDirectoryGrain> logger)
    : Grain, ICustomerDirectoryGrain, IRemindable
{
    private const string ClosingReminder = "close-due";

    /// <summary>Customers told at once: enough to keep the invoice store's batches full, few enough not to flood the silo.</summary>
    private const int ConcurrentCloses = 64;

    private OpenWindowTally? tally;
    private IGrainTimer? dispatch;
    private DateTimeOffset? dispatchWatermark;
    private bool reminderRegistered;

    // Built on first use, from the state as it was read at activation.
    private OpenWindowTally Tally => tally ??= new OpenWindowTally(state.State);

    public async Task ReportAsync(IReadOnlyList<CustomerMonths> customers)
    {
        var changed = false;
        foreach (var customer in customers)
        {
            changed |= Tally.Report(customer.Customer, customer.OpenMonths);
            changed |= SetNextClosing(customer.Customer, customer.NextClosing);
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        if (state.State.NextClosing.Count > 0 && !reminderRegistered)
        {
            var period = options.Value.ClosingReminderPeriod;
            await this.RegisterOrUpdateReminder(ClosingReminder, period, period);
            reminderRegistered = true;
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Customers.Order(StringComparer.Ordinal)]);

    public Task<IReadOnlyList<OpenWindowCount>> CountOpenWindowsAsync() => Task.FromResult(Tally.Count());

    public Task CloseDueAsync(DateTimeOffset watermark)
    {
        StartDispatch(watermark);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.NextClosing.Count == 0)
        {
            if (await this.GetReminder(ClosingReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            reminderRegistered = false;
            return;
        }

        await clock.GetClosedThroughAsync();
        if (clock.Watermark is { } watermark)
        {
            StartDispatch(watermark);
        }
    }

    /// <summary>
    /// Tells the due customers on a timer that interleaves with reports: while the customers issue invoices
    /// they report their new months to this shard, which must be able to answer them.
    /// </summary>
    private void StartDispatch(DateTimeOffset watermark)
    {
        if (dispatchWatermark is { } pending && pending >= watermark)
        {
            return;
        }

        dispatchWatermark = watermark;
        dispatch ??= this.RegisterGrainTimer(
            static (grain, _) => grain.DispatchAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private async Task DispatchAsync()
    {
        try
        {
            while (dispatchWatermark is { } watermark)
            {
                dispatchWatermark = null;
                var closedThrough = MonthClosing.ClosedThrough(watermark, options.Value.AllowedLateness);
                // A snapshot: reports arriving meanwhile change the state, not this list.
                List<string> due = [.. state.State.NextClosing.Where(entry => entry.Value <= closedThrough).Select(entry => entry.Key)];
                if (due.Count > 0)
                {
                    ClosingLog.Dispatching(logger, due.Count, closedThrough?.ToString() ?? "");
                }

                foreach (var chunk in due.Chunk(ConcurrentCloses))
                {
                    await Task.WhenAll(chunk.Select(customer => CloseAsync(customer, watermark)));
                }
            }
        }
        finally
        {
            dispatch?.Dispose();
            dispatch = null;
        }
    }

    private async Task CloseAsync(string customer, DateTimeOffset watermark)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(customer).CloseDueMonthsAsync(watermark);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Still due in this shard: the next watermark or reminder tells the customer again.
            ClosingLog.DispatchFailed(logger, exception);
        }
    }

    private bool SetNextClosing(string customer, BillingMonth? nextClosing)
    {
        if (nextClosing is not { } month)
        {
            return state.State.NextClosing.Remove(customer);
        }

        if (state.State.NextClosing.TryGetValue(customer, out var before) && before == month)
        {
            return false;
        }

        state.State.NextClosing[customer] = month;
        return true;
    }
}
