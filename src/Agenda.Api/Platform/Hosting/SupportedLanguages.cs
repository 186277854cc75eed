namespace Agenda.Api.Platform.Hosting;

/// <summary>The languages the service speaks, by their codes: its pages, its e-mail and its messages.</summary>
internal static class SupportedLanguages
{
    public static readonly IReadOnlyList<string> Codes = ["en", "de"];
}
