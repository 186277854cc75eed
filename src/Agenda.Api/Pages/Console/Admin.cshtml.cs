using Agenda.Api.Accounts;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The administrator's area: the sign-up policy in force, every account (deactivate, reactivate, make or unmake
/// administrator, reset two-factor), and invitations (make one, see the open ones, revoke one). Anyone else gets the
/// console's 404, as for anything not theirs.
/// </summary>
internal sealed class AdminModel(
    Administration administration, Invitations invitations, AccountMailer mailer, AccountOptions options, Privacy.PersonalData personalData, Operations.ServiceHealth health,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : ConsolePage
{
    /// <summary>The invitee whose personal data is exported or erased.</summary>
    [BindProperty]
    public string? PersonEmail { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? AccountId { get; set; }

    public IReadOnlyList<AccountListing> Accounts { get; private set; } = [];

    public IReadOnlyList<StoredInvite> Invites { get; private set; } = [];

    /// <summary>The service's health, as GET /v1/admin/health answers it.</summary>
    public Operations.ServiceHealthResponse? Health { get; private set; }

    /// <summary>The link of the invitation just made, to copy (it is shown once).</summary>
    public string? InviteLink { get; private set; }

    public SignUpPolicy Policy => options.SignUp;

    public bool MailAvailable => mailer.Available;

    public string? MyAccountId => User.AccountId();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator() || MyAccountId is not { } me)
        {
            return NotFoundPage();
        }

        var email = Email?.Trim() ?? "";
        if (!MimeKit.MailboxAddress.TryParse(email, out var address) || address.Address != email || !email.Contains('@', StringComparison.Ordinal))
        {
            Errors.Add(AccountTexts.Get("EmailInvalid"));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }

        InviteLink = Absolute(await invitations.InviteAsync(email, me, Owner.DisplayName ?? OwnerId, cancellationToken));
        Notice = AccountTexts.Format(mailer.Available ? "InviteSent" : "InviteMade", email);
        return await ShowAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostRevokeInviteAsync(CancellationToken cancellationToken) =>
        ActAsync(async () => await invitations.RevokeAsync(AccountId ?? "", cancellationToken) ? null : "AdminNoSuchInvite", "InviteRevoked", cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) =>
        ActAsync(() => administration.SetActiveAsync(MyAccountId!, AccountId ?? "", active: false, cancellationToken), "AccountDeactivated", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken cancellationToken) =>
        ActAsync(() => administration.SetActiveAsync(MyAccountId!, AccountId ?? "", active: true, cancellationToken), "AccountReactivated", cancellationToken);

    public Task<IActionResult> OnPostMakeAdministratorAsync(CancellationToken cancellationToken) =>
        ActAsync(() => administration.SetAdministratorAsync(MyAccountId!, AccountId ?? "", administrator: true, cancellationToken), "AdministratorMade", cancellationToken);

    public Task<IActionResult> OnPostRemoveAdministratorAsync(CancellationToken cancellationToken) =>
        ActAsync(() => administration.SetAdministratorAsync(MyAccountId!, AccountId ?? "", administrator: false, cancellationToken), "AdministratorRemoved", cancellationToken);

    public Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken cancellationToken) =>
        ActAsync(() => administration.ResetTwoFactorAsync(AccountId ?? "", cancellationToken), "TwoFactorWasReset", cancellationToken);

    /// <summary>Everything held about the invitee, as the API's export answers it, as a JSON file.</summary>
    public async Task<IActionResult> OnPostExportPersonAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator())
        {
            return NotFoundPage();
        }

        var outcome = await personalData.ExportAsync(null, new Privacy.PersonalDataRequest(PersonEmail), cancellationToken);
        if (outcome is Platform.Wire.Outcome<Privacy.InviteeDataResponse>.Done done)
        {
            return File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(done.Value, json.Value.SerializerOptions), "application/json", "personal-data.json");
        }

        Accepted(outcome, _ => "person-email");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(cancellationToken);
    }

    /// <summary>Erases the invitee from every owner's bookings and the message logs, as the API's erasure does.</summary>
    public async Task<IActionResult> OnPostErasePersonAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator())
        {
            return NotFoundPage();
        }

        var outcome = await personalData.EraseAsync(null, new Privacy.PersonalDataRequest(PersonEmail), cancellationToken);
        if (outcome is Platform.Wire.Outcome<Privacy.ErasureResponse>.Done done)
        {
            Notice = ConsoleTexts.Format("PersonErased", done.Value.Email, done.Value.BookingsErased, done.Value.MessagesErased);
            PersonEmail = null;
        }
        else
        {
            Accepted(outcome, _ => "person-email");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Func<Task<string?>> act, string done, CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator() || MyAccountId is null)
        {
            return NotFoundPage();
        }

        if (await act() is { } refusal)
        {
            Errors.Add(AccountTexts.Get(refusal));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }

        return Done(done);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdministrator())
        {
            return NotFoundPage();
        }

        Accounts = await administration.ListAsync(cancellationToken);
        Invites = await invitations.ListOpenAsync(cancellationToken);
        Health = await health.ReadAsync(cancellationToken);
        return Page();
    }
}
