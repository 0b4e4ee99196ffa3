using Billing.Generator;
using Billing.Generator.Hosting;
using Billing.Observability.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The generator on its own: produces to a Kafka cluster until Ctrl+C, or until Generator:Months months are sent.
var builder = Host.CreateApplicationBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration["Kafka:BootstrapServers"]))
{
    await Console.Error.WriteLineAsync(
        "Kafka:BootstrapServers is required, e.g. --Kafka:BootstrapServers=127.0.0.1:9092 (or the environment variable Kafka__BootstrapServers).");
    return 2;
}

try
{
    builder.AddBillingTelemetry("billing-generator");
}
catch (InvalidOperationException exception)
{
    // A bad Monitoring: value names its key; no stack trace for an operator's typo.
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

// Running this program means generating; the option's default (off) is for hosts that embed the generator.
builder.Configuration["Generator:Enabled"] = "true";
builder.Services.AddBillingGenerator(builder.Configuration);

using var host = builder.Build();
await host.StartAsync();
var generator = host.Services.GetRequiredService<GeneratorService>();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

// A finite run ends the program when it is done; an endless one when the host is asked to stop.
_ = generator.Completion.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
await host.WaitForShutdownAsync();
return generator.Completion.IsFaulted ? 1 : 0;

// The entry point's class stays internal: with the ASP.NET Core framework referenced (the monitoring port), a
// source generator would make it public, and Billing.Web, which references this project, has its own Program.
internal partial class Program;
