using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>Ends the session (a form post, so another site cannot sign the owner out).</summary>
internal sealed class SignOutModel : ConsolePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ConsoleSession.SignOutAsync(HttpContext);
        return Redirect(ConsoleSession.SignInPath);
    }
}
