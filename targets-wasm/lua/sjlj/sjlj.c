/*
 * The run-time side of clang-14's WebAssembly SjLj lowering (-mllvm -wasm-enable-sjlj; see setjmp.h beside this
 * file; the lua and mcpp recipes compile it). The pass turns each function that calls setjmp into one that keeps a
 * table of (setjmp id, label) pairs:
 *
 *  - a setjmp call becomes saveSetjmp(env, label, table, size): give the call a fresh id, store it in *env, add
 *    (id, label) to the table (growing it with realloc when full) and return the table, its size in the
 *    "temp return" register;
 *  - a longjmp call becomes __wasm_longjmp(env, val), which throws the C-longjmp exception (tag 1, __c_longjmp)
 *    with a pointer to (env, val);
 *  - calls that may longjmp are wrapped in try/catch; the catch reads (env, val) and asks testSetjmp(*env, table,
 *    size) for the label of that id in this function's table: 0 (not this function's) rethrows, anything else
 *    resumes at the label, where setjmp appears to return val (read back through getTempRet0).
 *
 * This file itself is compiled with the same option: the lowering is what defines the __c_longjmp tag that
 * __builtin_wasm_throw(1, ...) refers to.
 */
#include <stdint.h>
#include <stdlib.h>

struct sjlj_entry {
  uint32_t id;
  uint32_t label;
};

static uint32_t sjlj_last_id;
static uint32_t sjlj_temp_ret;

uint32_t getTempRet0(void);
void setTempRet0(uint32_t value);
struct sjlj_entry *saveSetjmp(uint32_t *env, uint32_t label, struct sjlj_entry *table, uint32_t size);
uint32_t testSetjmp(uint32_t id, struct sjlj_entry *table, uint32_t size);
void __wasm_longjmp(void *env, int val);

uint32_t getTempRet0(void) { return sjlj_temp_ret; }

void setTempRet0(uint32_t value) { sjlj_temp_ret = value; }

/* The table the pass allocates has room for `size` entries plus the terminating id 0. */
struct sjlj_entry *saveSetjmp(uint32_t *env, uint32_t label, struct sjlj_entry *table, uint32_t size) {
  uint32_t i = 0;
  uint32_t id = ++sjlj_last_id;
  *env = id;
  while (i < size && table[i].id != 0) i++;
  if (i == size) {
    size *= 2;
    table = realloc(table, sizeof *table * (size + 1));
    if (table == NULL) abort();
  }
  table[i].id = id;
  table[i].label = label;
  table[i + 1].id = 0;
  setTempRet0(size);
  return table;
}

uint32_t testSetjmp(uint32_t id, struct sjlj_entry *table, uint32_t size) {
  (void)size;
  for (uint32_t i = 0; table[i].id != 0; i++)
    if (table[i].id == id) return table[i].label;
  return 0;
}

/* What the catch blocks read: the jmp_buf and the value, in this order (the pass's layout). */
static struct {
  void *env;
  int val;
} sjlj_args;

void __wasm_longjmp(void *env, int val) {
  sjlj_args.env = env;
  /* longjmp(env, 0) makes setjmp return 1 (C11 7.13.2.1). */
  sjlj_args.val = val == 0 ? 1 : val;
  __builtin_wasm_throw(1, &sjlj_args);
}
