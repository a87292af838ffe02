// 3:3: error: unsupported non-standard concatenation of string literals
const void *s =
  u"a"
  U"b";
