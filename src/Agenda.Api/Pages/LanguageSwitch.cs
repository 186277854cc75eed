using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Agenda.Api.Pages;

/// <summary>The language switch: the same address with <c>?culture=</c>, which request localization reads and the pages remember.</summary>
internal static class LanguageSwitch
{
    public static string Link(HttpRequest request, string culture)
    {
        var query = new QueryBuilder(
            QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(q => q.Key is not ("culture" or "ui-culture"))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "culture", culture },
        };
        return request.PathBase + request.Path + query.ToQueryString();
    }

    /// <summary>The query without its Razor Pages <c>handler</c>, for a link that loads a page again with GET.</summary>
    public static QueryString WithoutHandler(QueryString queryString) =>
        new QueryBuilder(
            QueryHelpers.ParseQuery(queryString.Value)
                .Where(q => q.Key != "handler")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? "")))).ToQueryString();
}
