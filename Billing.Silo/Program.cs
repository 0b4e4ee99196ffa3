using Billing.Silo;

// Billing.Silo commands. The headless silo host arrives with the billing grains: a silo that read and
// committed the topic without grains to consume it would acknowledge records nobody billed.
return args switch
{
    ["embedded-broker", .. var rest] => await EmbeddedBrokerCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Billing.Silo embedded-broker [--partitions N]
          embedded-broker   run the embedded Kafka-protocol broker (librdkafka's mock cluster) on loopback
                            with the billing topics, print its bootstrap servers, and serve until Ctrl+C
        """);
    return 2;
}
