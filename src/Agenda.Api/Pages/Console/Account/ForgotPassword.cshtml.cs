using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>Asks for a reset link. The answer is the same for every address (<see cref="AccountService.RequestPasswordResetAsync"/>).</summary>
internal sealed class ForgotPasswordModel(AccountService accounts, AccountMailer mailer) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool MailAvailable => mailer.Available;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!mailer.Available)
        {
            return Page();
        }

        await accounts.RequestPasswordResetAsync(Email, cancellationToken);
        Sent = true;
        return Page();
    }
}
