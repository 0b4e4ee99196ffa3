using Xunit.Abstractions;
using Xunit.Sdk;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// Runs a class's tests in the order of their <see cref="StepAttribute"/>: the compose tests walk one stack from
/// its first events to a killed silo, and a later step builds on what the earlier ones did to it.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Billing.DeploymentTests.Infrastructure.StepOrderer";
    public const string AssemblyName = "Billing.DeploymentTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => StepOf(testCase));

    private static int StepOf(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
            .Select(attribute => attribute.GetConstructorArguments().Cast<int>().Single())
            .DefaultIfEmpty(int.MaxValue)
            .Single();
}
