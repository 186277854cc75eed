using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>
/// Binds a decimal number as a browser's number field sends it (<c>1.5</c>, whatever the page's language) or as a person
/// writes it in the page's language (<c>1,5</c> on a German page). The default binder reads only the request's culture,
/// where <c>1.5</c> is fifteen in German. A value neither way reads is a model error, said beside its field.
/// </summary>
internal sealed class DecimalNumberBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                 || double.TryParse(text, NumberStyles.Float, CultureInfo.CurrentCulture, out number))
        {
            bindingContext.Result = ModelBindingResult.Success(number);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"'{text}' is not a number.");
        }

        return Task.CompletedTask;
    }
}
