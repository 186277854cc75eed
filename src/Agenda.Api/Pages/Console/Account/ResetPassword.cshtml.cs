using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>The link in the reset mail: choose a new password. The link works once, for a day.</summary>
internal sealed class ResetPasswordModel(AccountService accounts, AccountOptions options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int MinimumPasswordLength => options.MinimumPasswordLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Problems = await accounts.ResetPasswordAsync(Account, Code, Password, cancellationToken);
        if (Problems.Count == 0)
        {
            return Redirect("/console/sign-in?notice=PasswordReset");
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
