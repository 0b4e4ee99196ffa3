using Billing.DeploymentTests.Infrastructure;
using Billing.TestSupport.Processes;
using k8s.Models;

namespace Billing.DeploymentTests;

/// <summary>
/// Every kustomize overlay of deploy/k8s, rendered offline and read strictly with the Kubernetes client's models,
/// checked for what a reviewer would look at. No cluster runs here: admission, scheduling, the Ingress controller
/// and the pods themselves are not exercised.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new(OverlayNames());

    [Fact]
    public void Overlays_AreDevAndProduction() =>
        Assert.Equal(["dev", "production"], OverlayNames());

    private static List<string> OverlayNames() =>
        [.. Directory.EnumerateDirectories(RepositoryPaths.Combine("deploy", "k8s", "overlays")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_Renders_EveryObjectReadsStrictlyIntoItsNamespace(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);

        Assert.Equal(overlay == "dev" ? "billing-dev" : "billing", Assert.Single(rendered.All<IMetadata<V1ObjectMeta>>()
            .Select(o => o.Metadata.NamespaceProperty).Distinct()));
        foreach (var name in new[] { "billing-silo", "billing-web" })
        {
            rendered.Single<V1Deployment>(name);
            rendered.Single<V1PodDisruptionBudget>(name);
            rendered.Single<V1NetworkPolicy>(name);
        }

        rendered.Single<V1Job>("billing-migrate");
        rendered.Single<V1Service>("billing-web");
        rendered.Single<V1Ingress>("billing-web");
        rendered.Single<V1PersistentVolumeClaim>("billing-invoices");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Workloads_HaveProbesRequestsAndLimitsAndRunAsNonRootWithoutPrivilegeEscalation(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);

        foreach (var (workload, template) in rendered.PodTemplates)
        {
            var pod = template.Spec;
            Assert.True(pod.SecurityContext?.RunAsNonRoot, $"{workload}: runAsNonRoot");
            Assert.NotEqual(0, pod.SecurityContext?.RunAsUser ?? 0);
            foreach (var container in pod.Containers)
            {
                var what = $"{overlay}/{workload}/{container.Name}";
                Assert.False(container.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{what}: allowPrivilegeEscalation");
                Assert.Contains("ALL", container.SecurityContext?.Capabilities?.Drop ?? []);
                Assert.True(container.Resources?.Requests?.ContainsKey("cpu"), $"{what}: a CPU request");
                Assert.True(container.Resources?.Requests?.ContainsKey("memory"), $"{what}: a memory request");
                Assert.True(container.Resources?.Limits?.ContainsKey("memory"), $"{what}: a memory limit");
            }
        }

        foreach (var (workload, pod, container) in rendered.BillingContainers)
        {
            var what = $"{overlay}/{workload}";
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, $"{what}: read-only root file system");
            var tmp = Assert.Single(container.VolumeMounts, mount => mount.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(pod.Volumes, volume => volume.Name == tmp.Name).EmptyDir);
            if (workload == "billing-migrate")
            {
                // A one-shot: nothing to probe or scrape.
                continue;
            }

            Assert.Equal(9464, Assert.Single(container.Ports ?? [], port => port.Name == "monitoring").ContainerPort);
            Assert.Equal(("/health/live", "monitoring"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
            Assert.Equal(("/health/ready", "monitoring"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silos_UseOrleansKubernetesHostingWithTheDownwardApiAndTheRbacItNeeds(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);
        var silos = rendered.Single<V1Deployment>("billing-silo");
        var pod = silos.Spec.Template.Spec;
        var silo = Assert.Single(pod.Containers);

        Assert.Equal(["/app/Billing.Silo"], silo.Command);
        Assert.Equal("true", Assert.Single(silo.Env, e => e.Name == "Orleans__Kubernetes").Value);
        Assert.Equal("metadata.name", Assert.Single(silo.Env, e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", Assert.Single(silo.Env, e => e.Name == "POD_NAMESPACE").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", Assert.Single(silo.Env, e => e.Name == "POD_IP").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(
            [("gateway", 30000), ("monitoring", 9464), ("silo", 11111)],
            silo.Ports.Select(p => (p.Name, p.ContainerPort)).Order());

        // The pods' cluster labels are the cluster identity the silos are configured with.
        var config = rendered.GeneratedConfigMap("billing-config").Data;
        Assert.Equal(config["Orleans__ServiceId"], silos.Spec.Template.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal(config["Orleans__ClusterId"], silos.Spec.Template.Metadata.Labels["orleans/clusterId"]);

        // Its service account may watch and label the pods of its namespace, and nothing more.
        var binding = Assert.Single(rendered.All<V1RoleBinding>(), b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == pod.ServiceAccountName));
        Assert.Equal(silos.Metadata.NamespaceProperty, Assert.Single(binding.Subjects).NamespaceProperty);
        var role = rendered.Single<V1Role>(binding.RoleRef.Name);
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["get", "list", "patch", "watch"], rule.Verbs.Order(StringComparer.Ordinal));
        Assert.True(pod.AutomountServiceAccountToken);

        // A drain takes one silo at a time; a rollout adds one before it removes one.
        Assert.Equal(1, rendered.Single<V1PodDisruptionBudget>("billing-silo").Spec.MaxUnavailable.Value is var max ? int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : -1);
        Assert.Equal("0", silos.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(silos.Spec.Replicas >= 2);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task NetworkPolicy_KeepsSiloAndGatewayPortsInsideTheNamespace(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);
        var silos = rendered.Single<V1NetworkPolicy>("billing-silo");

        Assert.Equal("billing-silo", silos.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(["Ingress"], silos.Spec.PolicyTypes);
        var orleansRules = silos.Spec.Ingress.Where(rule => rule.Ports.Any(port => port.Port.Value is "11111" or "30000")).ToList();
        Assert.NotEmpty(orleansRules);
        foreach (var rule in orleansRules)
        {
            // Only pods of this namespace: a podSelector without a namespaceSelector or ipBlock.
            var from = Assert.Single(rule.FromProperty);
            Assert.NotNull(from.PodSelector);
            Assert.Null(from.NamespaceSelector);
            Assert.Null(from.IpBlock);
        }

        Assert.Contains(rendered.Single<V1NetworkPolicy>("billing-web").Spec.Ingress,
            rule => rule.FromProperty is null && rule.Ports.Any(port => port.Port.Value == "8080"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ingress_KeepsABrowserOnOnePodAndItsWebSocketOpen(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);
        var ingress = rendered.Single<V1Ingress>("billing-web");
        var service = rendered.Single<V1Service>("billing-web");
        var web = rendered.Single<V1Deployment>("billing-web");

        Assert.Equal("cookie", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/affinity"]);
        Assert.True(int.Parse(ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        var backend = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths).Backend.Service;
        Assert.Equal(service.Metadata.Name, backend.Name);
        var servicePort = Assert.Single(service.Spec.Ports, port => port.Name == backend.Port.Name);
        Assert.Equal("ClientIP", service.Spec.SessionAffinity);
        Assert.Equal(web.Spec.Template.Metadata.Labels["app.kubernetes.io/name"], service.Spec.Selector["app.kubernetes.io/name"]);
        Assert.Equal(8080, Assert.Single(Assert.Single(web.Spec.Template.Spec.Containers).Ports, port => port.Name == servicePort.TargetPort.Value).ContainerPort);
        Assert.Equal("Client", Assert.Single(Assert.Single(web.Spec.Template.Spec.Containers).Env, e => e.Name == "Orleans__Role").Value);

        // The web app answers only the host names it is configured with: the Ingress host must be one of them.
        var allowedHosts = rendered.GeneratedConfigMap("billing-config").Data["AllowedHosts"].Split(';');
        Assert.Contains(Assert.Single(ingress.Spec.Rules).Host, allowedHosts);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task EnvironmentNames_OfBillingContainers_AreConfigurationKeysTheAppsRead(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);
        var names = new List<string>();
        foreach (var (_, _, container) in rendered.BillingContainers)
        {
            names.AddRange(container.Env?.Select(e => e.Name) ?? []);
            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { } configMap)
                {
                    names.AddRange(rendered.Single<V1ConfigMap>(configMap.Name).Data.Keys);
                }
            }
        }

        Assert.Contains("ConnectionStrings__Billing", names);
        Assert.Contains("Kafka__BootstrapServers", names);
        Assert.Empty(names.Distinct(StringComparer.Ordinal).Select(ConfigurationKeys.WhyNotRead).OfType<string>());
        // The migration runs as a Job, before the silos: they do not migrate on start.
        Assert.Equal("false", rendered.GeneratedConfigMap("billing-config").Data["Billing__MigrateOnStart"]);
    }
}
