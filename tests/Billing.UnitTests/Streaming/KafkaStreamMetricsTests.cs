using System.Diagnostics.Metrics;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Streaming.Kafka.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.UnitTests.Streaming;

public sealed class KafkaStreamMetricsTests : IDisposable
{
    private const string Topic = "billableevents.incoming";

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener listener = new();
    private readonly Dictionary<int, long> delivered = [];
    private readonly KafkaStreamMetrics metrics;

    public KafkaStreamMetricsTests()
    {
        metrics = new KafkaStreamMetrics(services.GetRequiredService<IMeterFactory>(), new KafkaDeliveryProgress());
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KafkaStreamMetrics.MeterName && instrument.Name == "billing.kafka.records.delivered")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            delivered[(int)tags.ToArray().Single(tag => tag.Key == "partition").Value!] = value);
        listener.Start();
    }

    [Fact]
    public void Delivered_IsHandledMinusDeadLetteredPerPartition()
    {
        metrics.RecordsHandled(Topic, 0, 10);
        metrics.RecordDeadLettered(Topic, 0, "bad-amount");
        metrics.RecordsHandled(Topic, 0, 1);
        metrics.RecordsHandled(Topic, 3, 4);

        Assert.Equal(new Dictionary<int, long> { [0] = 10, [3] = 4 }, Observe());
    }

    [Fact]
    public void Delivered_DeadLetterCountedBeforeItsPrefixIsHandled_NeverGoesBackwards()
    {
        metrics.RecordsHandled(Topic, 0, 10);
        Assert.Equal(10, Observe()[0]);

        // The dead letter is written first; its record counts as handled with the prefix that follows.
        metrics.RecordDeadLettered(Topic, 0, "bad-amount");
        Assert.Equal(10, Observe()[0]);

        metrics.RecordsHandled(Topic, 0, 3);
        Assert.Equal(12, Observe()[0]);
    }

    private Dictionary<int, long> Observe()
    {
        delivered.Clear();
        listener.RecordObservableInstruments();
        return new Dictionary<int, long>(delivered);
    }

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }
}
