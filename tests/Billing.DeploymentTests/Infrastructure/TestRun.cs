using System.Security.Cryptography;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// A name unique to this test run, in every image tag, compose project, container, network and volume the
/// tests create, so that two runs on one machine never touch each other's.
/// </summary>
internal static class TestRun
{
    public static string Id { get; } = $"qb{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>An image name of this run, under <c>localhost/</c>.</summary>
    public static string Image(string name, string tag) => $"localhost/{Id}-{name}:{tag}";
}
