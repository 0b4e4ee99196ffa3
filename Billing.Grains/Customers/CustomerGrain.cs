using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Grains.Invoicing;
using Billing.Grains.Time;
using Billing.Invoices;
using Billing.Records;
using Billing.Streams;
using Billing.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Utilities;

namespace Billing.Grains.Customers;

/// <summary>
/// Consumes one customer's stream in batches: applies each batch to the monthly windows exactly once, writes
/// the state once per batch, and pushes the new usage to subscribed observers. When the watermark closes a
/// month (its directory shard says so), it freezes the invoice in its state, issues it to the sinks, and only
/// then lets the window go. Its months' totals go to this silo's <see cref="CustomerStandings"/> (no call).
/// </summary>
/// <remarks>
/// The directory is what closes months, so it learns of a month before any usage of it is stored: when what
/// the customer holds changes (a new month, an invoice issued), the grain reports it and awaits the shard's
/// write, then writes its own state, which remembers what was reported. A crash between the two leaves the
/// directory knowing a month the state lacks, which only makes the shard call once for nothing.
/// Event ids follow the same order: a full page of ids is stored before the state that counts it
/// (<see cref="SeenEventIds"/>), and a page left over from a crash is ignored.
/// </remarks>
[ImplicitStreamSubscription(BillingStreams.CustomerNamespace)]
public sealed class CustomerGrain(
    [PersistentState(CustomerGrain.StateName, BillingStorage.Name)] IPersistentState<CustomerUsageState> state,
    [FromKeyedServices(BillingStorage.Name)] IGrainStorage storage,
    EventIdRetention idRetention,
    DeduplicationMetrics deduplicationMetrics,
    RecordCodecOptions codecOptions,
    InvoiceIssuer issuer,
    EventClockView clock,
    CustomerDirectoryReporter directory,
    CustomerStandings standings,
    CustomerActivations activations,
    TimeProvider time,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>, IRemindable
{
    private const string StateName = "customer-usage";

    /// <summary>The reminder each customer kept before the directory closed months; retired when it next fires.</summary>
    private const string RetiredClosingReminder = "close-months";

    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(3);

    private readonly IssueRetry retry = new();

    // Created with the first subscriber: most customers are never watched, and a manager per activation
    // would cost every one of them.
    private ObserverManager<ICustomerUsageObserver>? observers;

    // A completed invoice not yet written: the next write carries it (a batch, the next freeze, deactivation).
    // Losing it in a crash only makes the next activation issue the frozen draft again, which the store and
    // the files answer with the invoice they already hold.
    private bool completionUnsaved;
    private IGrainTimer? retryTimer;

    // The state's event ids, with their pages read at activation.
    private EventIdStore? eventIds;

    private string Customer => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Within this silo's bound of active customers: the least recently used may deactivate now.
        activations.Activated(Customer, GrainContext);
        eventIds = await EventIdStore.LoadAsync(state.State.EventIds, storage, this.GetGrainId(), StateName, logger);
        // Into this silo's standings at once, not with the next new event: the silo this customer left may
        // have died before reporting its last batch, and that batch, redelivered here, changes nothing.
        standings.Update(Customer, state.State);
        // A month frozen or closed while this customer was inactive (or before a crash) is issued now.
        await CloseIfDueAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activations.Deactivating(Customer, GrainContext);
        standings.Retire(Customer);
        if (completionUnsaved && reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            await WriteAsync();
        }
    }

    public Task<CustomerUsage?> GetUsageAsync()
    {
        activations.Used(Customer);
        return Task.FromResult(CustomerLedger.Describe(Customer, state.State));
    }

    public Task SubscribeAsync(ICustomerUsageObserver observer)
    {
        activations.Used(Customer);
        observers ??= new(ObserverExpiry, logger);
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICustomerUsageObserver observer)
    {
        observers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        activations.Used(Customer);
        // Whether an event is late follows what this silo knows to be closed, not when this customer last
        // closed a month: a customer without a window of a closed month (new, or with later usage only) takes
        // that month's events as late usage, as every other customer does.
        CustomerClosing.Advance(state.State, await clock.GetClosedThroughAsync());
        var keepIdsFrom = idRetention.KeepFrom;
        EventIds.Forget(keepIdsFrom);
        var duplicatesBefore = state.State.EventIds.Duplicates;
        if (CustomerLedger.Apply(state.State, items.Select(item => item.Item), time.GetUtcNow(), EventIds.Seen, keepIdsFrom) == 0)
        {
            return;
        }

        await StoreAsync();
        deduplicationMetrics.Found(state.State.EventIds.Duplicates - duplicatesBefore);
        standings.Update(Customer, state.State);
        await NotifyAsync();
        await CloseIfDueAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>
    /// Only the reminder each customer kept before the directory closed months can fire here: the directory
    /// hears what this customer holds, the reminder goes, and whatever is due is issued.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await this.GetReminder(RetiredClosingReminder) is { } retired)
        {
            await this.UnregisterReminder(retired);
        }

        await StoreAsync();
        await CloseDueMonthsAsync(null);
    }

    public async Task CloseDueMonthsAsync(DateTimeOffset? watermark)
    {
        if (watermark is { } known)
        {
            // The event clock's own watermark, passed on by the directory: this silo's copy may lag it.
            clock.Update(known);
        }

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
            await NotifyAsync();
        }

        // The directory hears that the invoiced months are gone; the write that records the report carries
        // the completed invoices too.
        if (!CustomerClosing.DirectoryEntry(Customer, state.State).SameAs(state.State.ReportedToDirectory))
        {
            await StoreAsync();
        }
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
                static (grain, _) => grain.CloseDueMonthsAsync(null),
                this,
                new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan });
            return null;
        }
    }

    private EventIdStore EventIds => eventIds ?? throw new InvalidOperationException("A customer's event ids are read at activation.");

    private async Task WriteAsync()
    {
        await EventIds.WriteWithStateAsync(GrainContext, () => state.WriteOrDeactivateAsync(GrainContext));
        completionUnsaved = false;
    }

    /// <summary>
    /// Stores what this activation applied in memory: the directory hears of it first (when what the customer
    /// holds changed), then the state is written. If either fails the activation deactivates (see
    /// <see cref="StateWrites.OrDeactivateAsync"/>), so a redelivered batch is applied again from the store.
    /// </summary>
    private async Task StoreAsync()
    {
        await StateWrites.OrDeactivateAsync(GrainContext, ReportToDirectoryAsync);
        await WriteAsync();
    }

    /// <summary>Closes now what the watermark has already closed (usage of a month that closed while it was in flight).</summary>
    private async Task CloseIfDueAsync()
    {
        if (CustomerClosing.NextClosingMonth(state.State) is { } month && month <= clock.ClosedThrough && !retry.IsWaiting)
        {
            await CloseDueMonthsAsync(null);
        }
    }

    /// <summary>
    /// Tells the directory what this customer holds when that changed since it was last told, and awaits its
    /// write; the state written next records what was reported (see the class remarks).
    /// </summary>
    private async Task ReportToDirectoryAsync()
    {
        var entry = CustomerClosing.DirectoryEntry(Customer, state.State);
        if (!entry.SameAs(state.State.ReportedToDirectory))
        {
            await directory.ReportAsync(entry);
            state.State.ReportedToDirectory = entry;
        }
    }

    private async Task NotifyAsync()
    {
        if (observers is { Count: > 0 } && CustomerLedger.Describe(Customer, state.State) is { } usage)
        {
            await observers.Notify(observer => observer.OnUsageChangedAsync(usage));
        }
    }
}
