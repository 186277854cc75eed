using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Agenda.Api.Pages;

/// <summary>
/// <c>/</c> for people: what this service is, the way into the owner's console, and the API's reference. A program
/// that does not ask for HTML (curl, an API client) keeps getting the 404 problem details it always got here, so the
/// service's answers to programs stay JSON.
/// </summary>
internal sealed class HomeModel(PageTexts texts, Accounts.AccountService accounts) : PageModel
{
    public PageTexts T { get; } = texts;

    /// <summary>Whether someone may make an account now (the first of the installation, or any when sign-up is open).</summary>
    public Accounts.SignUpState SignUp { get; private set; } = new(false, false, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!AsksForHtml(Request))
        {
            return NotFound();
        }

        SignUp = await accounts.SignUpStateAsync(null, cancellationToken);
        return Page();
    }

    /// <summary>Whether the request names HTML among what it accepts, as browsers do; <c>*/*</c> alone is a program's.</summary>
    public static bool AsksForHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(type =>
            type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
}
