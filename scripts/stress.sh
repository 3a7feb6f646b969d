#!/usr/bin/env bash
# Bounded work on hostile sizes: each case prints its time and peak memory.
set -euo pipefail
source "$(dirname "$0")/common.sh"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
python3 - <<'PY'
import random
random.seed(7)
words = "визит премьер министр газ Москва Токио переговоры договор соглашение экономика".split()
with open("line50.ru.txt", "w", encoding="utf-8") as f:   # one 50 MB line, no sentence end
    n = 0
    while n < 50_000_000:
        w = random.choice(words) + " "
        f.write(w); n += len(w.encode())
with open("words.ru.txt", "w") as f:                     # 1,000,000 one-word lines
    f.write("\n".join(f"word{k}" for k in range(1_000_000)) + "\n")
with open("words.en.txt", "w") as f:
    f.write("\n".join(f"word{k}" for k in range(0, 1_000_000, 2)) + "\n")
with open("punct.ru.txt", "w") as f:                      # nothing but punctuation
    f.write(("... !!! ??? «» — ; : , . " * 40000 + "\n") * 5)
open("empty.ru.txt", "w").close()                        # 0 bytes
with open("short.en.txt", "w") as f:
    f.write("A visit to Moscow. Talks on gas.\n")
with open("abbrev.ru.txt", "w", encoding="utf-8") as f:   # 2 MB of abbreviations, one line
    f.write("т. е. " * 200_000 + "\n")
with open("items.ru.txt", "w", encoding="utf-8") as f:    # 300,000 list items, one line
    f.write("Список: " + " ".join(f"{k % 50 + 1}) пункт {k};" for k in range(300_000)) + "\n")
with open("long.ru.txt", "w", encoding="utf-8") as f:     # 100 times longer than short
    f.write(" ".join(f"Предложение номер {k} о визите в Москву." for k in range(200)) + "\n")
PY
measure() {
  local name=$1; shift
  timed "$@" > out 2> err
  printf '%-46s exit %d  %6.2f s  %6.0f MB  %s\n' "$name" "$RC" "$SECS" "$MB" "$(head -c 90 err | tr '\n' ' ')"
}
measure "align one 50 MB line with a short text" "$BITEXT" align line50.ru.txt short.en.txt -o a.tmx
measure "split 1,000,000 one-word lines" "$BITEXT" split --lang ru words.ru.txt
measure "split 2 MB of abbreviations in one line" "$BITEXT" split --lang ru abbrev.ru.txt
measure "split 300,000 list items in one line" "$BITEXT" split --lang ru items.ru.txt
measure "align 1,000,000 with 500,000 one-word lines" "$BITEXT" align words.ru.txt words.en.txt -o b.links
measure "align a document of only punctuation" "$BITEXT" align punct.ru.txt short.en.txt -o c.tmx
measure "align a 0-byte file" "$BITEXT" align empty.ru.txt short.en.txt -o d.tmx
measure "align one side 100 times longer" "$BITEXT" align long.ru.txt short.en.txt -o e.tmx
