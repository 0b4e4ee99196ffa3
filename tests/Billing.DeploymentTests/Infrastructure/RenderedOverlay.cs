using Billing.TestSupport.Processes;
using k8s;
using k8s.Models;

namespace Billing.DeploymentTests.Infrastructure;

/// <summary>
/// A kustomize overlay of deploy/k8s rendered by <c>kubectl kustomize</c> (offline) and read back with the
/// Kubernetes client library's models, strictly: a field the API does not know fails the reading.
/// </summary>
internal sealed class RenderedOverlay
{
    /// <summary>The image name the manifests use for the billing programs (overlays may rewrite it).</summary>
    public const string BillingImageName = "queryable-billing";

    private RenderedOverlay(string name, IReadOnlyList<IKubernetesObject> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<IKubernetesObject> Objects { get; }

    public static async Task<RenderedOverlay> RenderAsync(string overlay)
    {
        var rendered = await CommandLine.RunCheckedAsync(
            "kubectl", ["kustomize", RepositoryPaths.Combine("deploy", "k8s", "overlays", overlay)], TimeSpan.FromMinutes(2));
        var objects = KubernetesYaml.LoadAllFromString(rendered.StandardOutput, strict: true);
        return new RenderedOverlay(overlay, [.. objects.Select(o => o as IKubernetesObject
            ?? throw new InvalidOperationException($"{overlay}: not a Kubernetes object: {o?.GetType().Name ?? "null"}"))]);
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(All<T>(), o => o.Metadata.Name == name);

    /// <summary>Every pod template, with the name of its workload: Deployments, StatefulSets, Jobs.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates =>
        All<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template))
            .Concat(All<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template)))
            .Concat(All<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template)));

    /// <summary>The containers that run a billing program, with their workload's name.</summary>
    public IEnumerable<(string Workload, V1PodSpec Pod, V1Container Container)> BillingContainers =>
        PodTemplates.SelectMany(t => t.Template.Spec.Containers
            .Where(IsBilling)
            .Select(c => (t.Workload, t.Template.Spec, c)));

    public static bool IsBilling(V1Container container) =>
        container.Image.Split(':')[0].Split('/')[^1] == BillingImageName;

    /// <summary>
    /// The ConfigMap kustomize generated from <paramref name="generatorName"/>: its name carries a hash of its
    /// content, and every reference to it was rewritten to that name.
    /// </summary>
    public V1ConfigMap GeneratedConfigMap(string generatorName) =>
        Assert.Single(All<V1ConfigMap>(), m => m.Metadata.Name.StartsWith(generatorName + "-", StringComparison.Ordinal));
}
