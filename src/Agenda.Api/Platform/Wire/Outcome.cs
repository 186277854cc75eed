using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// Why a use case did not do what it was asked, in the words every door shows: the API as problem details (with
/// <see cref="Status"/>, <see cref="Title"/> and a <c>reason</c>), a console page as its <see cref="Detail"/>. The
/// title and reason are for programs and stay English; the detail is worded in the reader's language when read.
/// </summary>
/// <param name="Message">What went wrong and what to do, as a text of <see cref="ValidationTexts"/>.</param>
/// <param name="Extensions">Members the problem details carry besides <c>reason</c> (such as a limit's name).</param>
internal sealed record Refusal(int Status, string Title, Message Message, string? Reason = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public bool IsNotFound => Status == StatusCodes.Status404NotFound;

    /// <summary>What went wrong and what to do, in the current UI language.</summary>
    public string Detail => Message.ToString();

    public static Refusal NotFound(Message message) => new(StatusCodes.Status404NotFound, "Not found", message);

    /// <summary>The /v1 answer for an owner id that names nobody.</summary>
    public static Refusal UnknownOwner(string ownerId) => NotFound(new("UnknownOwner", ownerId));

    public static Refusal Conflict(string title, Message message, string? reason = null) => new(StatusCodes.Status409Conflict, title, message, reason);

    public ProblemHttpResult ToProblem()
    {
        var extensions = new Dictionary<string, object?>();
        if (Reason is not null)
        {
            extensions["reason"] = Reason;
        }

        foreach (var (name, value) in Extensions ?? new Dictionary<string, object?>())
        {
            extensions[name] = value;
        }

        return TypedResults.Problem(detail: Detail, statusCode: Status, title: Title, extensions: extensions.Count > 0 ? extensions : null);
    }
}

/// <summary>What a use case answered: done with a value, a request whose fields are wrong, or a refusal.</summary>
internal abstract record Outcome<T>
{
    private Outcome()
    {
    }

    public sealed record Done(T Value) : Outcome<T>;

    public sealed record Invalid(RequestErrors Errors) : Outcome<T>;

    public sealed record Refused(Refusal Refusal) : Outcome<T>;

    public static implicit operator Outcome<T>(T value) => new Done(value);

    public static implicit operator Outcome<T>(RequestErrors errors) => new Invalid(errors);

    public static implicit operator Outcome<T>(Refusal refusal) => new Refused(refusal);

    /// <summary>The messages a page shows for this outcome, in the current UI language: none when done.</summary>
    public IEnumerable<string> Messages => this switch
    {
        Invalid invalid => invalid.Errors.Messages,
        Refused refused => [refused.Refusal.Detail],
        _ => [],
    };

    /// <summary>
    /// The field errors of an invalid request, field by field in the current UI language, for a page that shows each
    /// next to its field; empty when done or refused (a refusal belongs to no field: see <see cref="Messages"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByField =>
        this is Invalid invalid ? invalid.Errors.ByField : new Dictionary<string, IReadOnlyList<string>>();
}
