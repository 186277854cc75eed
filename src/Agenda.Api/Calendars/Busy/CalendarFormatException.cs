namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// A calendar's text could not be read as iCalendar, or expands to more occurrences than one read may produce.
/// The message is meant for the owner who connected the calendar; it quotes at most a short excerpt of the text.
/// </summary>
internal sealed class CalendarFormatException(string message, Exception? innerException = null) : Exception(message, innerException);
