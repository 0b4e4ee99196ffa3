using System.Net;
using System.Text;
using static Billing.SystemTests.Infrastructure.IngestClient;

namespace Billing.SystemTests;

/// <summary>
/// A client's retry is safe: an event sent again with the same id counts once, whichever way it came. These
/// tests wait for de-duplication by event id in the customer grain (a record with an id counts once per
/// customer); until it is in, each fails with the event billed twice.
/// </summary>
public sealed class IngestDeduplicationTests(IngestApp app) : IClassFixture<IngestApp>
{
    [Fact]
    public async Task SameEventPostedTwice_IsBilledOnce()
    {
        var once = Event("dup-http-1", "Dedup", "CALL", "6.66");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(app.Ingest, once)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(app.Ingest, Batch(once, Event("dup-http-2", "Dedup", "DATA", "1.11")))).Status);

        Assert.Equal((2, "7.77"), await BilledAsync(app.Host, "Dedup"));
    }

    [Fact]
    public async Task SameEventOverHttpAndDirectlyToKafka_IsBilledOnce()
    {
        var once = Event("dup-both-1", "DedupBoth", "MISC", "2.22");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(app.Ingest, once)).Status);
        // The same record a Kafka producer would write: keyed by customer, in another partition than the
        // HTTP one may have gone to, so that order across partitions does not decide.
        await app.Host.ProduceAsync([(0, "DedupBoth"u8.ToArray(), Encoding.UTF8.GetBytes(once)), (5, "DedupBoth"u8.ToArray(), Encoding.UTF8.GetBytes(once))]);

        Assert.Equal((1, "2.22"), await BilledAsync(app.Host, "DedupBoth"));
    }
}
