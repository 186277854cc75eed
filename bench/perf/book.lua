-- wrk script: /v1 bookings of distinct free slots, each by a distinct invitee (an invitee may hold only
-- Limits:MaxActiveBookingsPerInvitee upcoming bookings with an owner).
-- Usage: wrk ... -s book.lua <url> -- <owner prefix> <owners> <first slot, Unix s> <step s> <threads> [tag] [offset] [slug] [seats] [series]
-- Request number `index` (unique across threads: offset + counter * threads + thread id) books meeting type <slug>
-- (default call) of owner <prefix><index % owners> at first + (index / (owners * seats)) * step, so no two requests ask
-- for the same owner's slot, or (with seats, default 1, the type's seats) exactly <seats> requests take seats of it.
-- With <series> (a count), each request books a weekly series of that many meetings from its slot; the slots of one
-- run stay within a week (step times the requests per owner), so no two series meet.
-- At the end it prints: booked <201s> refused <other answers> sent <requests> unanswered <sent, not answered>
-- next <an offset for a later run whose slots stay apart from this one's>. wrk calls request() once more than it sends
-- (to check the script), so "unanswered" is at most one too high.

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  prefix, owners, first, step, nthreads = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4]), tonumber(args[5])
  tag, offset = args[6] or "i", tonumber(args[7] or "0")
  slug, seats, series = args[8] or "call", tonumber(args[9] or "1"), tonumber(args[10] or "0")
  counter, created, other, first_refusal = 0, 0, 0, ""
end

function request()
  local index = offset + counter * nthreads + tid
  counter = counter + 1
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", first + math.floor(index / (owners * seats)) * step)
  local body = string.format('{"start":"%s","invitee":{"name":"%s-%d"}}', start, tag, index)
  if series > 0 then
    body = string.format('{"start":"%s","invitee":{"name":"%s-%d"},"recurrence":{"count":%d}}', start, tag, index, series)
  end
  return wrk.format("POST", string.format("/v1/owners/%s%d/meeting-types/%s/bookings", prefix, index % owners, slug),
    { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
    if first_refusal == "" then first_refusal = status .. " " .. body end
  end
end

function done(summary, latency, requests)
  local c, o, s, next, why = 0, 0, 0, 0, ""
  for _, t in ipairs(threads) do
    c, o, s = c + t:get("created"), o + t:get("other"), s + t:get("counter")
    next = math.max(next, t:get("offset") + t:get("counter") * t:get("nthreads"))
    if why == "" then why = t:get("first_refusal") end
  end
  io.write(string.format("booked %d refused %d sent %d unanswered %d next %d\n", c, o, s, s - c - o, next))
  if why ~= "" then io.write("first refusal: " .. why .. "\n") end
end
