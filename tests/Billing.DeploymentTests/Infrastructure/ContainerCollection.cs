namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// The tests that need the images: they share one build per run and run one after another (each compose stack
/// takes the machine's two cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerImages>
{
    public const string Name = "containers";
}
