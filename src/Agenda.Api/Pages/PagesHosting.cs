using Agenda.Api.Platform.Localisation;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Localization;

namespace Agenda.Api.Pages;

/// <summary>
/// The server-rendered pages (Razor Pages under Pages/): the invitee booking pages, and the owner console under
/// <c>/console</c>. They call the same stores and engine services as the /v1 API; a page parses, calls and maps.
/// </summary>
internal static class PagesHosting
{
    /// <summary>The cookie that remembers the invitee's language (ASP.NET Core's culture cookie format).</summary>
    public static readonly string LanguageCookie = CookieRequestCultureProvider.DefaultCookieName;

    public static IServiceCollection AddAgendaPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AddFolderApplicationModelConvention("/", model => model.EndpointMetadata.Add(PageEndpoint.Instance));
            options.Conventions.ConfigureFilter(new FormRefusal());
        });
        services.Configure<RouteOptions>(options =>
        {
            options.ConstraintMap[OwnerSegment.Name] = typeof(OwnerSegment);
            options.ConstraintMap[SlugSegment.Name] = typeof(SlugSegment);
        });
        services.AddLocalization();
        services.AddTransient<PageTexts>();
        services.AddSingleton<Book.InviteeCalendar>();
        services.AddAntiforgery(options =>
        {
            // Booking pages may be embedded in another site (frame-ancestors *): the token cookie must then be sent from
            // a cross-site frame, which browsers allow only for SameSite=None; Secure, so over HTTPS. Over plain HTTP
            // (loopback, tests) it falls back to Lax in AddCookiePolicy below. The frame rule is the CSP's, not X-Frame-Options.
            options.Cookie.Name = "agenda_af";
            options.Cookie.SameSite = SameSiteMode.None;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true;
        });
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.MinimumSameSitePolicy = SameSiteMode.Unspecified;
            options.OnAppendCookie = context => DowngradeWithoutHttps(context.Context, context.CookieOptions);
            options.OnDeleteCookie = context => DowngradeWithoutHttps(context.Context, context.CookieOptions);
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = [.. Languages.Cultures];
            options.SupportedUICultures = [.. Languages.All.Select(l => l.Culture)];
            options.FallBackToParentUICultures = true;
            options.FallBackToParentCultures = true;
        });
        return services;
    }

    /// <summary>
    /// Static assets, then the pages, with their culture and security headers; page routes never take an API path.
    /// Assets are served as ASP.NET Core serves them (<c>MapStaticAssets</c>): the pages link fingerprinted names that
    /// may be kept for a year (<c>immutable</c>), the plain names (<c>/embed.js</c> for other sites) are revalidated
    /// with their ETag, and a compressed copy made at build goes to browsers that accept it. Every asset says nosniff.
    /// </summary>
    public static WebApplication MapAgendaPages(this WebApplication app)
    {
        app.UseWhen(IsAsset, assets => assets.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        }));
        app.UseHostMethodAnswers();
        app.UseWhen(PageEndpoint.IsPage, pages =>
        {
            pages.UseCookiePolicy();
            pages.UseRequestLocalization();
            pages.Use(RememberLanguage);
            pages.UsePageSecurityHeaders();
            // The console's cookie session is for pages only: the API's routes authenticate by key and never pay for it.
            pages.UseAuthentication();
            pages.UseAuthorization();
        });
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    /// <summary>Whether the request reached a static asset's endpoint (one with a file's length, as MapStaticAssets makes them).</summary>
    private static bool IsAsset(HttpContext context) =>
        context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<PageEndpoint>() is null
        && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    /// <summary>A language picked with the switch (<c>?culture=de</c>) is kept for the next visits.</summary>
    private static Task RememberLanguage(HttpContext context, Func<Task> next)
    {
        if (context.Request.Query.ContainsKey("culture") && context.Features.Get<IRequestCultureFeature>() is { Provider: QueryStringRequestCultureProvider } chosen)
        {
            context.Response.Cookies.Append(
                LanguageCookie,
                CookieRequestCultureProvider.MakeCookieValue(chosen.RequestCulture),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.None, Secure = context.Request.IsHttps });
        }

        return next();
    }

    private static void DowngradeWithoutHttps(HttpContext context, CookieOptions cookie)
    {
        if (cookie.SameSite == SameSiteMode.None && !context.Request.IsHttps)
        {
            cookie.SameSite = SameSiteMode.Lax;
        }
    }
}

/// <summary>Marks the endpoints of Razor Pages, for the middleware that only pages need.</summary>
internal sealed class PageEndpoint
{
    public static readonly PageEndpoint Instance = new();

    private PageEndpoint()
    {
    }

    public static bool IsPage(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PageEndpoint>() is not null;
}
