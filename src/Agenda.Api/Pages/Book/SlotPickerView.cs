using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// What the month-and-slots partial shows and where it leads: <see cref="DateLink"/> for a month or date; each slot is
/// a submit button named <c>start</c>, of a form of its own posting to <see cref="SlotFormAction"/>, or (when that is
/// null) of the form the partial is placed in.
/// </summary>
internal sealed record SlotPickerView(SlotMonth Month, Func<YearMonth, LocalDate?, string> DateLink, string? SlotFormAction);

/// <summary>The zone chooser: a GET form to <see cref="Action"/> that keeps <see cref="Keep"/> and changes <c>tz</c>.</summary>
internal sealed record ZoneChooserView(string Action, DateTimeZone Zone, bool Chosen, IReadOnlyList<KeyValuePair<string, string>> Keep, Instant Now);
