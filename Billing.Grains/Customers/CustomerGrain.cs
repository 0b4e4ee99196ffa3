using Billing.Events;
using Billing.Grains.Domain;
using Billing.Grains.Hosting;
using Billing.Grains.Invoicing;
using Billing.Grains.Time;
using Billing.Invoices;
using Billing.Records;
using Billing.Streams;
using Billing.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Utilities;

namespace Billing.Grains.Customers;

/// <summary>
/// Consumes one customer's stream in batches: applies each batch to the monthly windows exactly once, writes
/// the state once per batch, and pushes the new usage to subscribed observers. When the watermark closes a
/// month, it freezes the invoice in its state, issues it to the sinks, and only then lets the window go.
/// Its months' totals go to this silo's <see cref="CustomerStandings"/> (no call), and the directory hears
/// which months it holds when that set changes.
/// </summary>
[ImplicitStreamSubscription(BillingStreams.CustomerNamespace)]
public sealed class CustomerGrain(
    [PersistentState("customer-usage", BillingStorage.Name)] IPersistentState<CustomerUsageState> state,
    IOptions<BillingOptions> options,
    RecordCodecOptions codecOptions,
    InvoiceIssuer issuer,
    EventClockView clock,
    MonthCloseScheduler scheduler,
    CustomerStandings standings,
    TimeProvider time,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>, IRemindable
{
    private const string ClosingReminder = "close-months";
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(3);

    private readonly ObserverManager<ICustomerUsageObserver> observers = new(ObserverExpiry, logger);
    private readonly IssueRetry retry = new();

    // The months not invoiced yet as the directory last heard them from this activation; null before the
    // first report. Per activation rather than persisted: if the directory lost a recent report in a crash,
    // the customer's next events or invoice put it right.
    private BillingMonth[]? reportedMonths;

    // Per activation, not persisted: registering is an idempotent upsert, so once per activation is enough,
    // and a flag in state could claim a reminder that a crash kept from being registered or removed.
    private IGrainReminder? reminder;
    private BillingMonth? watchedMonth;

    // A completed invoice not yet written: the next write carries it (a batch, the next freeze, deactivation).
    // Losing it in a crash only makes the next activation issue the frozen draft again, which the store and
    // the files answer with the invoice they already hold.
    private bool completionUnsaved;
    private IGrainTimer? retryTimer;

    private string Customer => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Into this silo's standings at once, not with the next new event: the silo this customer left may
        // have died before reporting its last batch, and that batch, redelivered here, changes nothing.
        standings.Update(Customer, state.State);
        // A month frozen or closed while this customer was inactive (or before a crash) is issued now.
        await CloseOrWatchAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Inactive customers are closed by their reminder; the scheduler only speeds up active ones.
        scheduler.Watch(Customer, null);
        standings.Retire(Customer);
        if (completionUnsaved && reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            await WriteAsync();
        }
    }

    public Task<CustomerUsage?> GetUsageAsync() => Task.FromResult(CustomerLedger.Describe(Customer, state.State));

    public Task SubscribeAsync(ICustomerUsageObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICustomerUsageObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        // Whether an event is late follows what this silo knows to be closed, not when this customer last
        // closed a month: a customer without a window of a closed month (new, or with later usage only) takes
        // that month's events as late usage, as every other customer does.
        CustomerClosing.Advance(state.State, await clock.GetClosedThroughAsync());
        if (CustomerLedger.Apply(state.State, items.Select(item => item.Item), time.GetUtcNow()) == 0)
        {
            return;
        }

        await EnsureReminderAsync();
        await WriteAsync();
        standings.Update(Customer, state.State);
        await ReportMonthsAsync();
        await NotifyAsync();
        await CloseOrWatchAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status) => CloseDueMonthsAsync();

    public async Task CloseDueMonthsAsync()
    {
        CustomerClosing.Advance(state.State, await clock.GetClosedThroughAsync());
        while (true)
        {
            var alreadyFrozen = state.State.Closing is not null;
            if (CustomerClosing.Freeze(state.State, Customer, codecOptions.Currency, time.GetUtcNow()) is not { } draft)
            {
                break;
            }

            if (!alreadyFrozen)
            {
                // The draft is durable before any sink sees it: every retry, here or after a crash, issues it.
                await WriteAsync();
            }

            if (await TryIssueAsync(draft, frozenEarlier: alreadyFrozen) is not { } invoice)
            {
                return;
            }

            CustomerClosing.Complete(state.State, invoice);
            completionUnsaved = true;
            standings.Update(Customer, state.State);
            await ReportMonthsAsync();
            await NotifyAsync();
        }

        await ReleaseReminderIfDoneAsync();
        Watch();
    }

    /// <param name="draft">The frozen invoice to issue.</param>
    /// <param name="frozenEarlier">
    /// The draft was frozen before this call: by an attempt that failed, maybe in an earlier activation (on a
    /// silo since dead) whose failure the health grain still counts. Its success is reported then too, not only
    /// after failures this activation saw; the normal path (freeze and issue at once) makes no extra call.
    /// </param>
    private async Task<Invoice?> TryIssueAsync(InvoiceDraft draft, bool frozenEarlier)
    {
        try
        {
            var invoice = await issuer.IssueAsync(draft, CancellationToken.None);
            if (!invoice.HasContentOf(draft))
            {
                ClosingLog.StoredInvoiceDiffers(logger, Customer, draft.Month.ToString());
            }

            ClosingLog.InvoiceIssued(logger, invoice.Number, Customer, invoice.Month.ToString());
            var failedAttempts = retry.Succeeded();
            if (failedAttempts is { } attempts)
            {
                ClosingLog.IssuingRecovered(logger, Customer, draft.Month.ToString(), attempts);
            }

            if (failedAttempts is not null || frozenEarlier)
            {
                GrainFactory.GetGrain<IInvoicingHealthGrain>(0).ReportRecoveredAsync(Customer, draft.Month).Ignore();
            }

            return invoice;
        }
        catch (InvoiceSinkException exception)
        {
            var delay = retry.Failed();
            ClosingLog.IssuingFailed(logger, exception.InnerException ?? exception, Customer, draft.Month.ToString(), exception.Stage, retry.Attempts, delay);
            GrainFactory.GetGrain<IInvoicingHealthGrain>(0)
                .ReportFailureAsync(new InvoicingFailure(Customer, draft.Month, exception.Stage, exception.InnerException?.Message ?? exception.Message, time.GetUtcNow()))
                .Ignore();
            retryTimer?.Dispose();
            retryTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.CloseDueMonthsAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan });
            return null;
        }
    }

    private async Task WriteAsync()
    {
        await state.WriteOrDeactivateAsync(GrainContext);
        completionUnsaved = false;
    }

    /// <summary>Closes now what the watermark has already closed; otherwise asks to be told when it does.</summary>
    private async Task CloseOrWatchAsync()
    {
        var next = CustomerClosing.NextClosingMonth(state.State);
        if (next is { } month && month <= clock.ClosedThrough && !retry.IsWaiting)
        {
            await CloseDueMonthsAsync();
            return;
        }

        Watch();
    }

    private void Watch()
    {
        var next = CustomerClosing.NextClosingMonth(state.State);
        if (next != watchedMonth)
        {
            scheduler.Watch(Customer, next);
            watchedMonth = next;
        }
    }

    /// <summary>The durable reminder exists while usage waits to be invoiced, so a silent customer is still invoiced.</summary>
    private async Task EnsureReminderAsync()
    {
        if (reminder is null && CustomerClosing.HasUninvoicedUsage(state.State))
        {
            var period = options.Value.ClosingReminderPeriod;
            reminder = await this.RegisterOrUpdateReminder(ClosingReminder, period, period);
        }
    }

    /// <summary>Everything invoiced: the reminder goes (the next event registers it again).</summary>
    private async Task ReleaseReminderIfDoneAsync()
    {
        if (CustomerClosing.HasUninvoicedUsage(state.State))
        {
            return;
        }

        if ((reminder ?? await this.GetReminder(ClosingReminder)) is { } registered)
        {
            await this.UnregisterReminder(registered);
        }

        reminder = null;
    }

    /// <summary>
    /// Tells the directory which months this customer holds not invoiced yet: once per activation, then only
    /// when that set changes (a new month's first event, an invoice issued), never per batch otherwise.
    /// </summary>
    private async Task ReportMonthsAsync()
    {
        var months = state.State.Months;
        if (reportedMonths is { } reported && reported.Length == months.Count && reported.All(months.ContainsKey))
        {
            return;
        }

        BillingMonth[] current = [.. months.Keys.Order()];
        try
        {
            await GrainFactory.GetGrain<ICustomerDirectoryGrain>(0).ReportAsync(Customer, current);
            reportedMonths = current;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the admin's counts wait for the directory: usage, pushes and invoices go on.
            CustomerLog.DirectoryReportFailed(logger, exception, Customer);
        }
    }

    private async Task NotifyAsync()
    {
        if (observers.Count > 0 && CustomerLedger.Describe(Customer, state.State) is { } usage)
        {
            await observers.Notify(observer => observer.OnUsageChangedAsync(usage));
        }
    }
}
