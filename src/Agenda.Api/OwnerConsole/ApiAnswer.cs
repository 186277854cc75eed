using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.OwnerConsole;

/// <summary>
/// What a /v1 handler answered, read back for a page: the console calls the same handlers the API maps, so its
/// input is validated and applied by the same code, and only the presentation differs.
/// </summary>
public sealed record ApiAnswer(int Status, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public bool NotFound => Status == StatusCodes.Status404NotFound;

    public static ApiAnswer Of(IResult result) => result switch
    {
        ValidationProblem invalid => new(StatusCodes.Status400BadRequest, invalid.ProblemDetails.Errors.SelectMany(e => e.Value).ToList()),
        ProblemHttpResult problem => new(problem.StatusCode, [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? $"{problem.StatusCode}"]),
        IStatusCodeHttpResult { StatusCode: { } status } => new(status, []),
        _ => new(StatusCodes.Status200OK, []),
    };

    /// <summary>The body a successful answer carried, or null.</summary>
    public static T? ValueOf<T>(IResult result)
        where T : class => result is IValueHttpResult<T> value ? value.Value : null;
}
