using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Platform.Localisation;

/// <summary>
/// The language of the API's words for a person (field errors and refusals, <c>Wire.ValidationTexts</c>): the first
/// language in the request's Accept-Language, by preference, that the service speaks (<see cref="Languages.All"/>;
/// <c>de-CH</c> asks for <c>de</c>), and English for anything else or no header. Only the UI culture is set: the
/// wire formats (dates, numbers, ids) do not depend on the reader, and the current culture stays as it is. The pages
/// choose their own language (query, cookie, then Accept-Language, in PagesHosting), so this leaves them alone.
/// </summary>
internal static class ApiLanguage
{
    /// <summary>How many of the header's languages are looked at, as the framework's own provider bounds them.</summary>
    private const int MostAsked = 8;

    public static IApplicationBuilder UseApiLanguage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Set inside this async method, the culture flows to the handler and stays with this request.
            if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null)
            {
                CultureInfo.CurrentUICulture = Asked(context.Request).Culture;
            }

            await next(context);
        });

    /// <summary>The language the request asks for, English when it asks for none the service speaks.</summary>
    public static Language Asked(HttpRequest request)
    {
        var asked = request.GetTypedHeaders().AcceptLanguage
            .Take(MostAsked)
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1);
        foreach (var tag in asked)
        {
            if (tag.Value.Value?.Split('-')[0].ToLowerInvariant() is { } code && Languages.Codes.Contains(code))
            {
                return Languages.Of(code);
            }
        }

        return Languages.Of("en");
    }
}
