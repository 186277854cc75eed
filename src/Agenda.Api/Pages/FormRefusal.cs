using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Agenda.Api.Pages;

/// <summary>
/// A page form posted without a valid antiforgery token (expired, from another site, or from a frame whose browser
/// withheld the cookie) is still refused with 400, as Razor Pages do by default, but as a page a person can read,
/// with a link to load the form again, instead of an empty answer that the status code pages turn into problem JSON.
/// </summary>
internal sealed class FormRefusal : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            var request = context.HttpContext.Request;
            context.Result = new PartialViewResult
            {
                ViewName = "_FormRefused",
                StatusCode = StatusCodes.Status400BadRequest,
                ViewData = new ViewDataDictionary<string>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
                {
                    Model = request.PathBase + request.Path + LanguageSwitch.WithoutHandler(request.QueryString),
                },
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
