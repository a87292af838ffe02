break structs.c:48
run
print s
print s.name
print s.corners
print s.corners[1]
print s.corners[2].y
print s.f
print s.f.level
print s.color
print s.u
print s.weight
print s.area
ptype s
ptype struct flags
ptype grid
next
next
print grid
print grid[1][2]
break area
continue
bt
info args
print *s
print s->corners[0]
next
next
info locals
finish
next
print a
print total
whatis total
whatis s.f.tag
