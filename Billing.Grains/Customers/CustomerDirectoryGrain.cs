using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Grains.Time;
using Billing.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Billing.Grains.Customers;

/// <summary>
/// One shard of the customer directory. Reports arrive in batches from each silo's
/// <see cref="CustomerDirectoryReporter"/> and are written before they are answered, so that a customer's
/// usage of a month is never stored without the directory knowing the month. When the event clock says a
/// month closed (or at the latest at the shard's own reminder, every <see cref="BillingOptions.ClosingReminderPeriod"/>),
/// the shard has each due customer issue its invoices: one reminder per shard, not one per customer. Its
/// customers are kept in pages (<see cref="DirectoryPages"/>), each a state of its own, so that a report
/// rewrites only the pages of the customers it names.
/// </summary>
public sealed class CustomerDirectoryGrain(
    [PersistentState("customer-directory-pages", BillingStorage.Name)] IPersistentState<CustomerDirectoryPageIndex> index,
    [PersistentState("customer-directory-shard", BillingStorage.Name)] IPersistentState<CustomerDirectoryState> unpaged,
    [FromKeyedServices(BillingStorage.Name)] IGrainStorage storage,
    EventClockView clock,
    IOptions<BillingOptions> options,
    ILogger<CustomerDirectoryGrain> logger)
    : Grain, ICustomerDirectoryGrain, IRemindable
{
    private const string ClosingReminder = "close-due";

    /// <summary>Customers told at once: enough to keep the invoice store's batches full, few enough not to flood the silo.</summary>
    private const int ConcurrentCloses = 64;

    private readonly DirectoryPages pages = new();

    // Each page's stored version, by page number; a page created by a report gets one with its first write.
    private readonly Dictionary<int, GrainState<CustomerDirectoryState>> stored = [];
    private IGrainTimer? dispatch;
    private DateTimeOffset? dispatchWatermark;
    private bool reminderRegistered;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(index.State.Pages.Select(async number =>
        {
            var page = new GrainState<CustomerDirectoryState>();
            await storage.ReadStateAsync(PageStateName(number), this.GetGrainId(), page);
            return (number, page);
        }));
        foreach (var (number, page) in read)
        {
            page.State ??= new();
            stored[number] = page;
            pages.Load(number, page.State);
        }

        await MoveUnpagedStateAsync();
    }

    public async Task ReportAsync(IReadOnlyList<CustomerMonths> customers)
    {
        foreach (var customer in customers)
        {
            pages.Report(customer);
        }

        await WriteDirtyPagesAsync();
        if (!reminderRegistered && pages.AnyDue)
        {
            var period = options.Value.ClosingReminderPeriod;
            await this.RegisterOrUpdateReminder(ClosingReminder, period, period);
            reminderRegistered = true;
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult(pages.Customers());

    public Task<IReadOnlyList<OpenWindowCount>> CountOpenWindowsAsync() => Task.FromResult(pages.CountOpenWindows());

    public Task CloseDueAsync(DateTimeOffset watermark)
    {
        StartDispatch(watermark);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!pages.AnyDue)
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
                var due = pages.DueThrough(closedThrough);
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

    private static string PageStateName(int page) => $"customer-directory-page-{page}";

    private GrainState<CustomerDirectoryState> StoredPage(int number)
    {
        if (!stored.TryGetValue(number, out var page))
        {
            page = stored[number] = new GrainState<CustomerDirectoryState>(pages.Page(number));
        }

        return page;
    }

    /// <summary>
    /// Writes the pages the last reports changed, the index first when it names a page for the first time.
    /// A write that fails leaves this activation unsure of what is stored, so it deactivates: the next one
    /// reads the pages again and the failed report, retried by its customer, is applied to them.
    /// </summary>
    private async Task WriteDirtyPagesAsync()
    {
        var dirty = pages.TakeDirty();
        if (dirty.Count == 0)
        {
            return;
        }

        try
        {
            if (dirty.Count(index.State.Pages.Add) > 0)
            {
                await index.WriteStateAsync();
            }

            await Task.WhenAll(dirty.Select(number => storage.WriteStateAsync(PageStateName(number), this.GetGrainId(), StoredPage(number))));
        }
        catch
        {
            this.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// A shard written before the directory kept pages holds all its customers in one state: they move into
    /// pages (a customer a page already holds keeps what the page says, which is newer), then that state goes.
    /// </summary>
    private async Task MoveUnpagedStateAsync()
    {
        var old = unpaged.State;
        if (!unpaged.RecordExists)
        {
            return;
        }

        foreach (var customer in old.Customers.Where(customer => !pages.Contains(customer)))
        {
            pages.Report(new CustomerMonths(customer, old.OpenMonths.GetValueOrDefault(customer) ?? [], old.NextClosing.TryGetValue(customer, out var next) ? next : null));
        }

        await WriteDirtyPagesAsync();
        await unpaged.ClearStateAsync();
    }
}
