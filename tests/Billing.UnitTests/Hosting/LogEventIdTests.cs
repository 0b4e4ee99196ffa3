using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Billing.UnitTests.Hosting;

/// <summary>
/// Every log message of the apps has an event id no other message uses: embedded mode runs the grains, the
/// web app and the generator in one process, where a shared id would make two messages one for a log query.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly string[] Assemblies = ["Billing.Grains", "Billing.Web", "Billing.Generator", "Billing.Observability"];

    [Fact]
    public void EveryLogMessage_HasAnEventIdOfItsOwn()
    {
        var messages = Assemblies
            .Select(Assembly.Load)
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Message: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(found => found.Message is not null)
            .ToList();

        // Each project logs: the scan must have found them, or it proves nothing.
        Assert.True(messages.Count >= 50, $"only {messages.Count} log messages found");
        Assert.All(messages, found => Assert.True(found.Message!.EventId > 0, $"{Name(found.Method)} has no event id"));
        var shared = messages
            .GroupBy(found => found.Message!.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(found => Name(found.Method)))}");
        Assert.Empty(shared);
    }

    private static string Name(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
