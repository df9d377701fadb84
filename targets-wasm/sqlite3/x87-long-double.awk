# Rounds every long double result in sqlite3.c to the x87's 64-bit significand (see x87.h), so that the
# printf float conversions, sqlite3Pow10 and sqlite3AtoF compute on wasm32 (where long double is IEEE binary128)
# what they compute on Debian's amd64 build (x87 extended precision). Each replaced statement must occur exactly
# as often as listed, or the script fails: a new SQLite version has to be looked at again.
#
#   awk -f x87-long-double.awk sqlite3.c > patched.c
BEGIN {
  n = 0
  rule("  *val = (*val - d)*10.0;", "  *val = MB_X87(MB_X87(*val - d)*10.0);", 1)
  rule("while( idx>=10 ){ rounder *= 1.0e-10; idx -= 10; }", "while( idx>=10 ){ rounder = MB_X87(rounder*1.0e-10); idx -= 10; }", 1)
  rule("if( precision+(ex/3) < 15 ) rounder += realvalue*3e-16;", "if( precision+(ex/3) < 15 ) rounder = MB_X87(rounder + MB_X87(realvalue*3e-16));", 1)
  rule("realvalue += rounder;", "realvalue = MB_X87(realvalue + rounder);", 2)
  rule("while( realvalue>=1e100*scale && exp<=350 ){ scale *= 1e100;exp+=100;}", "while( realvalue>=MB_X87(1e100*scale) && exp<=350 ){ scale = MB_X87(scale*1e100);exp+=100;}", 1)
  rule("while( realvalue>=1e10*scale && exp<=350 ){ scale *= 1e10; exp+=10; }", "while( realvalue>=MB_X87(1e10*scale) && exp<=350 ){ scale = MB_X87(scale*1e10); exp+=10; }", 1)
  rule("while( realvalue>=10.0*scale && exp<=350 ){ scale *= 10.0; exp++; }", "while( realvalue>=MB_X87(10.0*scale) && exp<=350 ){ scale = MB_X87(scale*10.0); exp++; }", 1)
  rule("realvalue /= scale;", "realvalue = MB_X87(realvalue / scale);", 1)
  rule("while( realvalue<1e-8 ){ realvalue *= 1e8; exp-=8; }", "while( realvalue<1e-8 ){ realvalue = MB_X87(realvalue*1e8); exp-=8; }", 1)
  rule("while( realvalue<1.0 ){ realvalue *= 10.0; exp--; }", "while( realvalue<1.0 ){ realvalue = MB_X87(realvalue*10.0); exp--; }", 1)
  rule("if( realvalue>=10.0 ){ realvalue *= 0.1; exp++; }", "if( realvalue>=10.0 ){ realvalue = MB_X87(realvalue*0.1); exp++; }", 1)
  # sqlite3Pow10 (the branch compiled outside MSVC) and its callers in sqlite3AtoF.
  rule("    if( E & 1 ) r *= x;", "    if( E & 1 ) r = MB_X87(r*x);", 1)
  rule("    x *= x;", "    x = MB_X87(x*x);", 1)
  rule("result = s / scale;", "result = MB_X87(s / scale);", 2)
  rule("result = s * scale;", "result = MB_X87(s * scale);", 2)
}
function rule(from, to, count) { n++; rfrom[n] = from; rto[n] = to; rwant[n] = count; rgot[n] = 0 }
{
  for (i = 1; i <= n; i++) {
    at = index($0, rfrom[i])
    if (at > 0) {
      $0 = substr($0, 1, at - 1) rto[i] substr($0, at + length(rfrom[i]))
      rgot[i]++
      break
    }
  }
  print
}
END {
  bad = 0
  for (i = 1; i <= n; i++)
    if (rgot[i] != rwant[i]) {
      printf "x87-long-double.awk: \"%s\" found %d times, expected %d\n", rfrom[i], rgot[i], rwant[i] > "/dev/stderr"
      bad = 1
    }
  exit bad
}
