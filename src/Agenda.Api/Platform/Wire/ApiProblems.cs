using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Platform.Wire;

/// <summary>The /v1 answers shared by several routes: what was asked for does not exist.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult UnknownOwner(string ownerId) => Refusal.UnknownOwner(ownerId).ToProblem();

    /// <summary>The 404 for a lookup that found no owner, or an owner without that meeting type.</summary>
    public static ProblemHttpResult Missing(MeetingTypeLookup lookup, string ownerId, string slug) =>
        lookup.Owner is null ? UnknownOwner(ownerId) : UnknownMeetingType(ownerId, slug);

    public static ProblemHttpResult UnknownMeetingType(string ownerId, string slug) => NotFound(UnknownMeetingTypeDetail(ownerId, slug));

    public static string UnknownMeetingTypeDetail(string ownerId, string slug) =>
        $"Owner '{ownerId}' has no meeting type '{slug}'. GET /v1/owners/{ownerId}/meeting-types lists them.";
}

/// <summary>A use case's <see cref="Outcome{T}"/> as the API answers it.</summary>
internal static class OutcomeAnswers
{
    /// <summary>Done as <paramref name="done"/> says; wrong fields as a 400; a refusal as its problem details.</summary>
    public static Results<TDone, ValidationProblem, ProblemHttpResult> Answer<T, TDone>(this Outcome<T> outcome, Func<T, TDone> done)
        where TDone : IResult => outcome switch
        {
            Outcome<T>.Done value => done(value.Value),
            Outcome<T>.Invalid invalid => invalid.Errors.Problem(),
            Outcome<T>.Refused refused => refused.Refusal.ToProblem(),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };

    /// <summary>As <see cref="Answer{T, TDone}"/> for a use case that reads no body, so never answers 400.</summary>
    public static Results<TDone, ProblemHttpResult> AnswerRead<T, TDone>(this Outcome<T> outcome, Func<T, TDone> done)
        where TDone : IResult => outcome switch
        {
            Outcome<T>.Done value => done(value.Value),
            Outcome<T>.Refused refused => refused.Refusal.ToProblem(),
            _ => throw new InvalidOperationException("This use case reads no body, so it has no field errors."),
        };
}
