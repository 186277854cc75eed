using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>
/// The link in the confirmation mail. Opening it (GET) only shows a button: mail scanners open links, and a confirmation
/// should be the person's act. The button confirms and leads to the sign-in page, which says whether it worked.
/// </summary>
internal sealed class ConfirmEmailModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        Redirect($"/console/sign-in?notice={(await accounts.ConfirmEmailAsync(Account, Code, cancellationToken) ? "Confirmed" : "ConfirmLinkInvalid")}");
}
