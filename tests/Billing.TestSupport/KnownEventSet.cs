using System.Text;
using Billing.Events;
using Billing.Records;
using Billing.Usage;

namespace Billing.TestSupport;

/// <summary>
/// A fixed set of events over three months and nine customers, sent as it might arrive: both formats, one
/// customer over several partitions, disordered within the 12-hour bound, with malformed records among them,
/// and, when asked, copies of JSON records (the same id) sent again to another partition, as a retrying
/// producer would. It also knows the exact totals every route must answer.
/// </summary>
public sealed class KnownEventSet
{
    public static readonly string[] Customers = ["Emma", "Olivia", "Sophia", "Ava", "Isa", "Noah", "William", "Liam", "Jacob"];

    public const int DefaultPartitions = 8;

    public static readonly BillingMonth[] Months = [new(2026, 9), new(2026, 10), new(2026, 11)];

    private KnownEventSet(List<BillableEvent> events, List<(int Partition, byte[]? Key, byte[] Value)> records, int malformed, List<BillableEvent> copied)
    {
        Events = events;
        Records = records;
        Malformed = malformed;
        Copied = copied;
    }

    public IReadOnlyList<BillableEvent> Events { get; }

    public IReadOnlyList<(int Partition, byte[]? Key, byte[] Value)> Records { get; }

    public int Malformed { get; }

    /// <summary>The events sent twice (with their id): each must count once, and its copy as a duplicate.</summary>
    public IReadOnlyList<BillableEvent> Copied { get; }

    /// <param name="eventsPerCustomerMonth">Events of each customer in each of <see cref="Months"/>.</param>
    /// <param name="partitions">Partitions to spread the records over.</param>
    /// <param name="seed">Makes the set (and its disorder) the same every run.</param>
    /// <param name="copyEvery">When above zero, every that-many-th JSON record is sent again to another partition.</param>
    public static KnownEventSet Create(int eventsPerCustomerMonth, int partitions, int seed, int copyEvery = 0)
    {
        var random = new Random(seed);
        var events = new List<BillableEvent>();
        foreach (var month in Months)
        {
            var seconds = (int)(month.End - month.Start).TotalSeconds;
            foreach (var customer in Customers)
            {
                for (var i = 0; i < eventsPerCustomerMonth; i++)
                {
                    events.Add(new BillableEvent(
                        customer,
                        EventTypes.All[random.Next(EventTypes.All.Count)],
                        random.Next(1, 100_000) / 100m,
                        month.Start.AddSeconds(random.Next(seconds)),
                        $"k-{events.Count}"));
                }
            }
        }

        // Time order, then disorder within the bound: each event moves by up to 12 hours of event time.
        var sent = events
            .Select(e => (Event: e, SendAt: e.Time.AddMinutes(random.Next(-720, 720))))
            .OrderBy(x => x.SendAt)
            .Select(x => x.Event)
            .ToList();

        var records = new List<(int, byte[]?, byte[])>();
        var malformed = 0;
        var copied = new List<BillableEvent>();
        for (var i = 0; i < sent.Count; i++)
        {
            var e = sent[i];
            var partition = random.Next(partitions);
            var json = i % 2 == 1;
            var value = json ? BillableEventCodec.EncodeJson(e, "EUR") : BillableEventCodec.EncodeCsv(e);
            records.Add((partition, BillableEventCodec.EncodeKey(e.Customer), value));
            if (json && copyEvery > 0 && i / 2 % copyEvery == 0)
            {
                // The producer's retry: the same record on another partition, so either copy may be read first.
                records.Add(((partition + 1 + random.Next(partitions - 1)) % partitions, BillableEventCodec.EncodeKey(e.Customer), value));
                copied.Add(e);
            }

            if (i % 97 == 0)
            {
                records.Add((partition, BillableEventCodec.EncodeKey(e.Customer), Malformations[malformed % Malformations.Length](e)));
                malformed++;
            }
        }

        return new KnownEventSet(events, records, malformed, copied);
    }

    private static readonly Func<BillableEvent, byte[]>[] Malformations =
    [
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},{e.Customer},1.00,TEXT"),
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},{e.Customer},1.001,CALL"),
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},{e.Customer},0.00,CALL"),
        e => Encoding.UTF8.GetBytes($"{e.Time.ToUnixTimeMilliseconds()},Somebody Else,1.00,CALL"),
        e => Encoding.UTF8.GetBytes($$"""{"customer":"{{e.Customer}}","type":"CALL","amount":"1.00","currency":"USD","time":"2026-10-01T00:00:00Z"}"""),
        _ => [0x7B, 0xFF, 0xFE],
        e => Encoding.UTF8.GetBytes($"yesterday,{e.Customer},1.00,CALL"),
    ];

    public decimal CustomerTotal(string customer, BillingMonth month) =>
        Events.Where(e => e.Customer == customer && BillingMonth.Of(e.Time) == month).Sum(e => e.Amount);

    public int CustomerCount(string customer, BillingMonth month) =>
        Events.Count(e => e.Customer == customer && BillingMonth.Of(e.Time) == month);

    public (int Count, decimal Total) CustomerTypeTotal(string customer, BillingMonth month, EventType type)
    {
        var matching = Events.Where(e => e.Customer == customer && BillingMonth.Of(e.Time) == month && e.Type == type).ToList();
        return (matching.Count, matching.Sum(e => e.Amount));
    }

    public (int Count, decimal Total) TypeTotal(EventType type, BillingMonth month)
    {
        var matching = Events.Where(e => e.Type == type && BillingMonth.Of(e.Time) == month).ToList();
        return (matching.Count, matching.Sum(e => e.Amount));
    }
}
