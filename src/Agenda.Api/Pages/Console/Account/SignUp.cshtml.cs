using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>
/// Making an account: the first of the installation (always possible), anyone's when sign-up is open, or an invited
/// person's (the invitation fixes the address). The account's owner is made with it; its booking page's address is
/// chosen here or made from the e-mail address.
/// </summary>
internal sealed class SignUpModel(AccountService accounts, AccountOptions options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "invite")]
    public string? Invite { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Link { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public SignUpState State { get; private set; } = new(false, false, null);

    public List<string> Problems { get; } = [];

    /// <summary>Set once the confirmation link (or a note) is sent: the address to look in.</summary>
    public string? CheckMail { get; private set; }

    public int MinimumPasswordLength => options.MinimumPasswordLength;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        State = await accounts.SignUpStateAsync(Invite, cancellationToken);
        if (!State.Allowed)
        {
            Response.StatusCode = Invite is null ? StatusCodes.Status403Forbidden : StatusCodes.Status410Gone;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await accounts.SignUpAsync(new SignUpForm(Email, Password, Name, Link, TimeZone, Invite), cancellationToken);
        State = await accounts.SignUpStateAsync(Invite, cancellationToken);
        switch (answer)
        {
            case SignUpAnswer.SignedIn:
                return Redirect("/console/setup");
            case SignUpAnswer.CheckMail sent:
                CheckMail = sent.Email;
                return Page();
            case SignUpAnswer.Invalid invalid:
                Problems.AddRange(invalid.Problems);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            case SignUpAnswer.Refused refused:
                Problems.Add(refused.Reason);
                State = State with { Allowed = false };
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                throw new InvalidOperationException($"Unknown answer {answer}.");
        }
    }
}
