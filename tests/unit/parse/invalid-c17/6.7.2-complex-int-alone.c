// 1:10: error: duplicate '_Complex'
_Complex _Complex double z;
