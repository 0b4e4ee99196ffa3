namespace Billing.Web.Components.Pages;

/// <summary>What the sign-in form posts: a typed key, or the demo key whose button was pressed.</summary>
public sealed class SignInForm
{
    public string? Key { get; set; }

    public string? DemoKey { get; set; }
}
