namespace Agenda.Api.Pages.Console;

/// <summary>
/// A destructive action that asks first (<c>_Confirm</c>): a disclosure whose summary names the action, opening the
/// question and the form that does it, so no single click destroys anything, with or without script.
/// </summary>
/// <param name="Action">What the summary and the button say: Delete, Revoke, Disconnect…</param>
/// <param name="Subject">What it is done to, read by screen readers with the summary and the button (a key's id, a title…).</param>
/// <param name="Question">The question, with what happens if the answer is yes.</param>
/// <param name="Handler">The page handler the form posts to.</param>
/// <param name="Fields">Hidden fields the handler reads (an id...).</param>
internal sealed record Confirmation(string Action, string Subject, string Question, string Handler, params (string Name, string Value)[] Fields);
