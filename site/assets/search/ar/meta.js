naskahSearch.meta("ar",{"chunk":200,"docs":4,"shards":1});
