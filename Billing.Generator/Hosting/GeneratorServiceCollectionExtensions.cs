using Billing.Generator.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Generator.Hosting;

/// <summary>Registers the event generator in a host.</summary>
public static class GeneratorServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="GeneratorOptions"/> from the <c>Generator</c> section and <see cref="GeneratorKafkaOptions"/>
    /// from the <c>Kafka</c> section, validates both at start-up, and runs <see cref="GeneratorService"/> as a hosted
    /// service. The service is also registered as itself, so a host can await its <see cref="GeneratorService.Completion"/>.
    /// </summary>
    public static IServiceCollection AddBillingGenerator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GeneratorOptions>().Bind(configuration.GetSection(GeneratorOptions.SectionName)).ValidateOnStart();
        services.AddOptions<GeneratorKafkaOptions>().Bind(configuration.GetSection(GeneratorKafkaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeneratorOptions>, GeneratorOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeneratorKafkaOptions>, GeneratorKafkaOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GeneratorService>();
        services.AddHostedService(sp => sp.GetRequiredService<GeneratorService>());
        return services;
    }
}
