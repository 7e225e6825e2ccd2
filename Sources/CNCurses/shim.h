#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// The wide-character API (cchar_t, get_wch, mvadd_wch, setcchar) is hidden unless this is
// defined, and SwiftPM drops the -D flags pkg-config would give for a system library.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift 6 refuses mutable C globals (stdscr, LINES, COLS): read them through functions.
static inline WINDOW *wenti_stdscr(void) { return stdscr; }
static inline int wenti_lines(void) { return LINES; }
static inline int wenti_cols(void) { return COLS; }

// Attribute and mouse macros are built from other macros, which Swift cannot import.
static const attr_t WENTI_A_NORMAL = A_NORMAL;
static const attr_t WENTI_A_BOLD = A_BOLD;
static const attr_t WENTI_A_DIM = A_DIM;
static const attr_t WENTI_A_REVERSE = A_REVERSE;
static const attr_t WENTI_A_UNDERLINE = A_UNDERLINE;
static const mmask_t WENTI_MOUSE_BUTTONS = BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
static const mmask_t WENTI_BUTTON1 = BUTTON1_CLICKED | BUTTON1_PRESSED;
static const mmask_t WENTI_WHEEL_UP = BUTTON4_PRESSED;
static const mmask_t WENTI_WHEEL_DOWN = BUTTON5_PRESSED;
static inline int wenti_key_f(int n) { return KEY_F(n); }
static inline attr_t wenti_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

// nl_langinfo's item is an enum constant that Swift imports with the wrong type.
static inline const char *wenti_codeset(void) { return nl_langinfo(CODESET); }

#endif
