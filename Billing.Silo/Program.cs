using Billing.Silo;

// Billing.Silo: a headless silo of the cluster (the default), or one of its operator commands.
return args switch
{
    ["embedded-broker", .. var rest] => await EmbeddedBrokerCommand.RunAsync(rest),
    ["migrate", .. var rest] => await MigrateCommand.RunAsync(rest),
    ["apikey", .. var rest] => ApiKeyCommand.Run(rest),
    ["probe", .. var rest] => await ProbeCommand.RunAsync(rest),
    ["deadletters", .. var rest] => await DeadLettersCommand.RunAsync(rest),
    [var first, ..] when !first.StartsWith('-') => Usage($"unknown command '{first}'"),
    _ => await SiloCommand.RunAsync(args),
};

static int Usage(string problem)
{
    Console.Error.WriteLine($"""
        {problem}
        usage: Billing.Silo [--Key=Value ...]             run a silo (cluster mode: ConnectionStrings:Billing and Kafka:BootstrapServers)
               Billing.Silo migrate [--Key=Value ...]     bring the PostgreSQL schema up to date, then exit
               Billing.Silo apikey --customer <id> | --admin [--index N]
                                                          make an API key and print its configuration lines
               Billing.Silo probe {ProbeCommand.Usage}
                                                          exit 0 if the URL answers (default: this container's
                                                          /health/ready on Monitoring:Port); a container health check
               Billing.Silo deadletters {DeadLettersCommand.Usage}
                                                          list the dead letters of the configured Kafka, or replay
                                                          them to the incoming topic once their cause is fixed
               Billing.Silo embedded-broker {EmbeddedBrokerCommand.Usage}
                                                          run the embedded Kafka broker until Ctrl+C (loopback only
                                                          unless --listen and --advertise are given)
        """);
    return 2;
}
