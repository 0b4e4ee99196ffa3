using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Events;
using Billing.Grains.EmbeddedKafka;
using Billing.Records;
using Billing.Web.Security;
using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>
/// HTTP ingestion: concurrent clients post November 2026 events through <c>POST /api/events</c> (closed loop: each
/// waits for its 202 before the next request) in batches of each configured size, while <c>GET /customers/{c}</c>
/// runs at a steady rate. The baseline, measured first in the same run on the same broker: a raw Confluent.Kafka
/// producer in this process, configured as the web app's (idempotent, acks=all, linger 2 ms), writing the same JSON
/// records keyed by customer as fast as it can. Afterwards every customer's total is checked against what was accepted.
/// </summary>
internal sealed class HttpIngestBenchmark(EmbeddedKafkaBroker broker, HttpIngestSettings settings)
{
    private const int BaselineRecords = 200_000;
    private static readonly DateTimeOffset MonthStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private readonly Lock gate = new();
    private readonly Dictionary<string, (int Count, decimal Total)> accepted = new(StringComparer.Ordinal);

    public async Task<int> RunAsync()
    {
        var name = $"bench.http.{Guid.NewGuid():N}";
        foreach (var topic in new[] { name, name + ".deadletter", name + ".baseline" })
        {
            broker.CreateTopic(topic, settings.Partitions);
        }

        var baseline = MeasureRawProducer(name + ".baseline");
        Console.WriteLine($"  Kafka baseline: a raw Confluent producer (idempotent, acks=all, linger 2 ms) wrote {BaselineRecords:N0} JSON records at {baseline:N0} events/s");

        var ingestKey = DemoKeys.NewKey();
        await using var system = await SystemUnderTest.StartAsync("memory", broker.BootstrapServers, name, consumerGroup: name, siloMemoryMiB: 0, new Dictionary<string, string>
        {
            [$"{ApiKeyRing.SectionName}:1:Sha256"] = ApiKeyRing.HashOf(ingestKey),
            [$"{ApiKeyRing.SectionName}:1:Role"] = BillingClaims.IngestRole,
            // The budget is the operator's; here it must not be what is measured.
            ["Billing:Ingest:MaxEventsPerSecond"] = "100000000",
        });
        using var ingest = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
        {
            BaseAddress = system.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);
        using var offsets = new TopicOffsets(broker.BootstrapServers, name, name, settings.Partitions);

        // Every customer gets usage (so that the queries find it), and the code on both sides is compiled.
        var warm = await RunAsync(ingest, system.Http, batchSize: 100, clients: 4, TimeSpan.FromSeconds(3), queries: false, everyCustomerFirst: true);
        Console.WriteLine($"  warm-up: {warm.Events:N0} events");

        var rows = new List<Row>();
        foreach (var batchSize in settings.BatchSizes)
        {
            var row = await RunAsync(ingest, system.Http, batchSize, settings.Clients, TimeSpan.FromSeconds(settings.Seconds), queries: settings.QueriesPerSecond > 0, everyCustomerFirst: false);
            rows.Add(row);
            Console.WriteLine($"  batch {batchSize}: {row.Events / row.Elapsed.TotalSeconds:N0} events/s, {row.Requests / row.Elapsed.TotalSeconds:N0} requests/s, " +
                $"p50/p99 {row.Latencies.At(50):F1}/{row.Latencies.At(99):F1} ms, GET p99 {row.Queries.At(99):F1} ms, {row.Refused} refused");
        }

        await offsets.WaitUntilAllCommittedAsync(Patience);
        var errors = await FindWrongAsync(system.Http);
        if (offsets.Dropped() is var dropped and > 0)
        {
            errors.Insert(0, $"the embedded broker dropped {dropped:N0} records of its bounded log; use more partitions (--partitions)");
        }

        if (offsets.DeadLetters() is var deadLetters and > 0)
        {
            errors.Add($"{deadLetters:N0} records dead-lettered");
        }

        Print(baseline, rows);
        foreach (var error in errors.Take(20))
        {
            Console.Error.WriteLine($"wrong: {error}");
        }

        Console.WriteLine(errors.Count == 0
            ? $"every customer's total is exact: {accepted.Values.Sum(v => v.Count):N0} events accepted, none dead-lettered"
            : $"{errors.Count:N0} problems");
        return errors.Count == 0 && rows.All(row => row.Refused == 0) ? 0 : 1;
    }

    private void Print(double baseline, IReadOnlyList<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"HTTP ingestion, {settings.Customers:N0} customers, {Environment.ProcessorCount} cores, {settings.Seconds} s per run, " +
            $"GET /customers/{{c}} at {settings.QueriesPerSecond:N0}/s; Kafka baseline (raw Confluent producer) {baseline:N0} events/s");
        Console.WriteLine();
        Console.WriteLine("| batch | clients | events/s (ratio to the Kafka baseline) | requests/s | request p50 / p99 | `GET /customers/{c}` p99 | not 202 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var rate = row.Events / row.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.BatchSize} | {row.Clients} | {rate:N0} ({rate / baseline:F3}) | {row.Requests / row.Elapsed.TotalSeconds:N0} | " +
                $"{row.Latencies.At(50):F1} / {row.Latencies.At(99):F1} ms | {row.Queries.At(99):F1} ms{(row.QueryFailures > 0 ? $" ({row.QueryFailures} failed)" : "")} | {row.Refused} |"));
        }

        Console.WriteLine();
    }

    /// <summary>One run: <paramref name="clients"/> clients posting batches of <paramref name="batchSize"/> until the time is up.</summary>
    private async Task<Row> RunAsync(HttpClient ingest, HttpClient admin, int batchSize, int clients, TimeSpan duration, bool queries, bool everyCustomerFirst)
    {
        using var stop = new CancellationTokenSource(duration);
        var latencies = new Percentiles();
        var queryLoad = queries ? new QueryLoad(admin, settings.Customers, settings.QueriesPerSecond).RunAsync(stop.Token) : Task.FromResult((new Percentiles(), 0));
        long events = 0, requests = 0, refused = 0;
        var nextCustomer = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client * 7919 + batchSize);
            var sequence = 0;
            while (!stop.IsCancellationRequested)
            {
                var batch = new List<BillableEvent>(batchSize);
                for (var n = 0; n < batchSize; n++)
                {
                    var index = everyCustomerFirst && Volatile.Read(ref nextCustomer) < settings.Customers
                        ? Interlocked.Increment(ref nextCustomer) - 1
                        : random.Next(settings.Customers);
                    batch.Add(new BillableEvent(
                        LoadProducer.Customer(index % settings.Customers),
                        (EventType)random.Next(0, 5),
                        random.Next(1, 1_000) / 100m,
                        MonthStart.AddMinutes(random.Next(20 * 24 * 60)),
                        $"h{batchSize}-{client}-{sequence++}-{Guid.NewGuid():N}"));
                }

                var started = Stopwatch.GetTimestamp();
                var status = await PostAsync(ingest, batch);
                if (status == HttpStatusCode.Accepted)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started));
                    Interlocked.Add(ref events, batch.Count);
                    Tally(batch);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }

                Interlocked.Increment(ref requests);
            }
        })));
        var elapsed = clock.Elapsed;
        var (queryLatencies, queryFailures) = await queryLoad;
        return new Row(batchSize, clients, events, requests, refused, elapsed, latencies, queryLatencies, queryFailures);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient ingest, IReadOnlyList<BillableEvent> batch)
    {
        var body = new StringBuilder(batch.Count * 140).Append('[');
        for (var n = 0; n < batch.Count; n++)
        {
            body.Append(n == 0 ? "" : ",").Append(Encoding.UTF8.GetString(BillableEventCodec.EncodeJson(batch[n], "EUR")));
        }

        using var content = new StringContent(body.Append(']').ToString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await ingest.PostAsync(new Uri("/api/events", UriKind.Relative), content, CancellationToken.None);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private void Tally(IReadOnlyList<BillableEvent> batch)
    {
        lock (gate)
        {
            foreach (var e in batch)
            {
                var (count, total) = accepted.GetValueOrDefault(e.Customer);
                accepted[e.Customer] = (count + 1, total + e.Amount);
            }
        }
    }

    private async Task<List<string>> FindWrongAsync(HttpClient admin)
    {
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (entry, _) =>
        {
            var (count, total) = await UsageReader.ReadAsync(admin, entry.Key);
            if (count != entry.Value.Count || total != entry.Value.Total)
            {
                wrong.Add($"{entry.Key}: {total} in {count} events instead of {entry.Value.Total} in {entry.Value.Count}");
            }
        });
        return [.. wrong.Order(StringComparer.Ordinal)];
    }

    /// <summary>The raw producer's rate: the records the web app would write, produced flat out and flushed.</summary>
    private double MeasureRawProducer(string topic)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            QueueBufferingMaxMessages = 1_000_000,
        }).Build();
        var random = new Random(3);
        var records = Enumerable.Range(0, BaselineRecords).Select(n =>
        {
            var e = new BillableEvent(LoadProducer.Customer(random.Next(settings.Customers)), EventType.Call, 1.23m, MonthStart.AddMinutes(n % 10_000), $"base-{n}");
            return new Message<byte[], byte[]> { Key = BillableEventCodec.EncodeKey(e.Customer), Value = BillableEventCodec.EncodeJson(e, "EUR") };
        }).ToList();
        long failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var record in records)
        {
            producer.Produce(topic, record, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;
        return failed > 0 ? throw new InvalidOperationException($"The baseline producer lost {failed:N0} records.") : BaselineRecords / elapsed.TotalSeconds;
    }

    private sealed record Row(
        int BatchSize, int Clients, long Events, long Requests, long Refused, TimeSpan Elapsed, Percentiles Latencies, Percentiles Queries, int QueryFailures);
}
